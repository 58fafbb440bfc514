// MIME rendering: subject, names, text and HTML from the input (split at NUL
// bytes) into a full message; the result must be 7-bit with CRLF line ends.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "alerts/mime.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> parts(5);
  size_t k = 0;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0 && k + 1 < parts.size()) { ++k; continue; }
    parts[k] += static_cast<char>(data[i]);
  }
  adwatch::MailMessage m;
  m.from = {parts[3], "adwatch@example.invalid"};
  m.to = {{parts[4], "coord@example.invalid"}};
  m.subject = parts[0];
  m.text = parts[1];
  m.html = parts[2];
  m.message_id = adwatch::MakeMessageId(parts[0], m.from.address);
  std::string raw = adwatch::BuildMessage(m);
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x80 || (c == '\n' && (i == 0 || raw[i - 1] != '\r'))) std::abort();  // 7-bit, CRLF only
  }
  (void)adwatch::EncodeHeaderWords(parts[0], 9);
  (void)adwatch::EncodeQuotedPrintable(parts[1]);
  adwatch::MailAddress a;
  (void)adwatch::ParseMailAddress(parts[4], &a);
  return 0;
}
