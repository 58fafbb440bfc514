#include "alerts/mime.h"

#include <gtest/gtest.h>

#include "tests/alerts/parse_mail.h"

namespace adwatch {
namespace {

MailMessage Sample() {
  MailMessage m;
  m.from = {"adwatch signalen", "adwatch@zuid-limburg.example"};
  m.to = {{"Coördinator bestuurlijke aanpak Sittard-Geleen", "coordinator@sittard-geleen.example"},
          {"", "riec@riec-limburg.example"}};
  m.subject = "adwatch: 3 nieuwe signalen — Sittard-Geleen, Kerkrade, Heerlen, Brunssum, Landgraaf, "
              "Vaals, Gulpen-Wittem, Eijsden-Margraten (coördinatoren)";
  m.text = "Samenvatting\n3 signalen in Sittard-Geleen en Eijsden-Margraten.\n"
           ".begint met punt\nregel met spatie aan het eind \n" +
           std::string(300, 'x') + "\nâ€ coördinator ë € 😀 =gelijk\n";
  m.html = "<html><body><p>Coördinator <mark>minderjarig</mark></p>" + std::string(200, 'y') +
           "</body></html>";
  m.message_id = MakeMessageId("digest-2026-11-30-08-sittard", m.from.address);
  m.date = FromUnixSeconds(1'795'852'800);  // 2026-11-30 08:00 UTC
  return m;
}

TEST(Mime, MessageIdIsStableAndUsesSenderDomain) {
  EXPECT_EQ(MakeMessageId("digest 42/x", "a@b.example"), "<adwatch.digest-42-x@b.example>");
  EXPECT_EQ(MakeMessageId("d1", "a@b.example"), MakeMessageId("d1", "a@b.example"));
}

TEST(Mime, DateFormat) {
  EXPECT_EQ(FormatRfc5322Date(FromUnixSeconds(1'796'025'600)), "Mon, 30 Nov 2026 08:00:00 +0000");
}

TEST(Mime, EncodedWordsAreShortAndSplitOnCharacters) {
  std::string s;
  for (int i = 0; i < 40; ++i) s += "ö€😀";
  std::string enc = EncodeHeaderWords(s, 9);
  size_t pos = 0;
  int words = 0;
  while (pos < enc.size()) {
    size_t end = enc.find("\r\n ", pos);
    std::string word = enc.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    ++words;
    pos = end == std::string::npos ? enc.size() : end + 3;
  }
  EXPECT_GT(words, 5);
  EXPECT_EQ(EncodeHeaderWords("plain subject", 9), "plain subject");
}

TEST(Mime, QuotedPrintableLinesAndEscapes) {
  std::string qp = EncodeQuotedPrintable(std::string(200, 'a') + "\n.x =y é \n");
  size_t pos = 0;
  while (pos < qp.size()) {
    size_t end = qp.find("\r\n", pos);
    if (end == std::string::npos) end = qp.size();
    EXPECT_LE(end - pos, 76u);
    pos = end + 2;
  }
  EXPECT_NE(qp.find("=2Ex =3Dy =C3=A9=20"), std::string::npos) << qp;
  EXPECT_EQ(qp.find('\n', 0) , qp.find("\r\n") + 1);
}

TEST(Mime, RandomBytesKeepLineLimits) {
  uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int n = 0; n < 500; ++n) {
    std::string s;
    for (int k = next() % 300; k > 0; --k) s += static_cast<char>(next() >> 16);
    for (const std::string& enc : {EncodeQuotedPrintable(s), EncodeHeaderWords(s, 9)}) {
      size_t pos = 0;
      while (pos < enc.size()) {
        size_t end = enc.find("\r\n", pos);
        if (end == std::string::npos) end = enc.size();
        EXPECT_LE(end - pos, 76u);
        EXPECT_EQ(enc.substr(pos, end - pos).find_first_of(std::string("\r\n\0", 3)), std::string::npos);
        pos = end + 2;
      }
    }
  }
}

TEST(Mime, ParseAddress) {
  MailAddress a;
  ASSERT_TRUE(ParseMailAddress(" Coördinator <c@sittard-geleen.example> ", &a));
  EXPECT_EQ(a.name, "Coördinator");
  EXPECT_EQ(a.address, "c@sittard-geleen.example");
  ASSERT_TRUE(ParseMailAddress("x@y.nl", &a));
  EXPECT_EQ(a.name, "");
  EXPECT_FALSE(ParseMailAddress("no-at-sign", &a));
  EXPECT_FALSE(ParseMailAddress("a b@c.nl", &a));
  EXPECT_FALSE(ParseMailAddress("Evil\r\nBcc: x <a@b.nl>", &a));
}

TEST(Mime, DeterministicOutput) { EXPECT_EQ(BuildMessage(Sample()), BuildMessage(Sample())); }

// An independent MIME parser (Python's email package) reads back what we built.
TEST(Mime, PythonEmailParsesMessage) {
  MailMessage m = Sample();
  auto j = testing::ParseWithPython(BuildMessage(m));
  ASSERT_TRUE(j.is_object()) << "python parse failed";
  EXPECT_TRUE(j["defects"].empty()) << j["defects"].dump();
  EXPECT_EQ(j["subject"], m.subject);
  EXPECT_EQ(j["to_names"][0], "Coördinator bestuurlijke aanpak Sittard-Geleen");
  EXPECT_EQ(j["to"][1], "riec@riec-limburg.example");
  EXPECT_EQ(j["message_id"], m.message_id);
  EXPECT_TRUE(j["date_ok"].get<bool>());
  EXPECT_EQ(j["mime_version"], "1.0");
  EXPECT_EQ(j["content_type"], "multipart/alternative");
  EXPECT_LE(j["max_line"].get<int>(), 78);
  EXPECT_FALSE(j["bare_lf"].get<bool>());
  std::string text = j["parts"]["text/plain"];
  for (size_t p; (p = text.find("\r\n")) != std::string::npos;) text.replace(p, 2, "\n");
  EXPECT_EQ(text, m.text);
  EXPECT_EQ(j["parts"]["text/html"], m.html);
}

// What `adwatch digest --dry-run` prints: the text part, decoded.
TEST(Mime, DecodedTextPartReadsBackTheText) {
  MailMessage m = Sample();
  m.text = "Signaal #17 — kritiek\nEen heel lange regel " + std::string(100, 'x') + " = gelijk, café\n. punt\n";
  EXPECT_EQ(DecodedTextPart(BuildMessage(m)), m.text);
  m.html.clear();  // text/plain only
  EXPECT_EQ(DecodedTextPart(BuildMessage(m)), m.text);
  EXPECT_EQ(DecodeQuotedPrintable("caf=C3=A9 =3D=\r\nsamen\r\n"), "café =samen\n");
  EXPECT_EQ(DecodedTextPart("no mime here"), "");
}

}  // namespace
}  // namespace adwatch
