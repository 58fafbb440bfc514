// The register of processing: every part the configuration decides shows up
// (controller, sites with their documented purpose and basis, recipients,
// retention), and HTML escapes what the configuration says.
#include "app/register.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

Config Sample() {
  Config c;
  c.register_.controller = "College van B&W van Heerlen";
  c.register_.dpo = "fg@heerlen.example";
  c.register_.processors = {"Hosting B.V. <datacenter Heerlen>"};
  SiteConfig s;
  s.name = "kinky";
  s.start_urls = {"https://www.kinky.example/ads?p=1"};
  s.purpose = "signalering-mensenhandel: actieplan Zuid-Limburg";
  s.legal_basis = "iets anders";
  c.sites.push_back(s);
  MunicipalityConfig m;
  m.name = "Heerlen";
  m.recipients = {"zorg@heerlen.example"};
  c.alerts.municipalities.push_back(m);
  c.retention.unflagged_ads = std::chrono::hours(24 * 30);
  return c;
}

TEST(RegisterTest, DocumentedValuesAreExplainedAndFreeTextKept) {
  ParsedValue p = ParseDocumented("publieke-taak: besluit B&W 2026/12", DocumentedLegalBases());
  EXPECT_EQ(p.code, "publieke-taak");
  EXPECT_NE(p.meaning.find("6 lid 1 sub e"), std::string::npos);
  EXPECT_EQ(p.free_text, "besluit B&W 2026/12");
  p = ParseDocumented("Demo met synthetische advertenties", DocumentedLegalBases());
  EXPECT_EQ(p.code, "");
  EXPECT_EQ(p.free_text, "Demo met synthetische advertenties");
}

TEST(RegisterTest, MarkdownNamesWhatTheConfigurationDecides) {
  const std::string md = ProcessingRegister(Sample(), "2026-11-30", false);
  for (const char* want : {"# Register van verwerkingen", "College van B&W van Heerlen", "fg@heerlen.example",
                           "| kinky | www.kinky.example | signalering-mensenhandel: ", "actieplan Zuid-Limburg",
                           "iets anders (vrije tekst, geen gedocumenteerde waarde)", "| Heerlen | zorg@heerlen.example |",
                           "| 30 dagen |", "Hosting B.V.", "art. 9", "2026-11-30"})
    EXPECT_NE(md.find(want), std::string::npos) << want << "\n" << md;
}

TEST(RegisterTest, HtmlEscapes) {
  const std::string html = ProcessingRegister(Sample(), "2026-11-30", true);
  EXPECT_NE(html.find("Hosting B.V. &lt;datacenter Heerlen&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<datacenter"), std::string::npos);
  EXPECT_NE(html.find("<td>Heerlen</td>"), std::string::npos);
}

}  // namespace
}  // namespace adwatch
