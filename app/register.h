// The register of processing (GDPR art. 30) that `adwatch report processing`
// writes for the data protection officer, from the configuration alone:
// controller, purposes and legal bases per site, categories of data and of
// data subjects, recipients per municipality, retention periods, security
// measures, processors.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace adwatch {

// A documented value of a site's `purpose` or `legal_basis`: a short code
// the register explains, optionally followed by ": free text".
struct DocumentedValue {
  const char* code;
  const char* meaning;
};
const std::vector<DocumentedValue>& DocumentedPurposes();
const std::vector<DocumentedValue>& DocumentedLegalBases();

// "code: free text" split against `documented`: the meaning of the code
// ("" if the value does not start with a documented code) and the free text
// (the whole value then).
struct ParsedValue {
  std::string code;
  std::string meaning;
  std::string free_text;
};
ParsedValue ParseDocumented(const std::string& value, const std::vector<DocumentedValue>& documented);

// The register as Markdown, or as a standalone HTML page. `generated` is
// the date shown ("2026-11-30").
std::string ProcessingRegister(const Config& config, const std::string& generated, bool html);

}  // namespace adwatch
