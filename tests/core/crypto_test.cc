// core/crypto.h: sealed values open under the same key only, equal values
// do not look equal, unsealed values pass through.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <set>

#include "core/crypto.h"

namespace adwatch {
namespace {

TEST(SecretBox, SealsAndOpensUnderTheSameKeyOnly) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  std::string a = box.Seal("+31612345678"), b = box.Seal("+31612345678");
  EXPECT_TRUE(SecretBox::IsSealed(a));
  EXPECT_NE(a, b) << "a random nonce per value";
  EXPECT_EQ(a.find("612345678"), std::string::npos);
  EXPECT_EQ(*box.Open(a), "+31612345678");
  EXPECT_EQ(*box.Open(box.Seal("")), "");
  EXPECT_FALSE(SecretBox::Derive("other key", "purpose").Open(a).ok());
  EXPECT_FALSE(SecretBox::Derive("key", "other purpose").Open(a).ok());
  std::string altered = a;
  altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(box.Open(altered).status().code(), Status::Code::kCorruption);
  EXPECT_EQ(box.Open("enc1:!!").status().code(), Status::Code::kCorruption);
  EXPECT_EQ(*box.Open("plain, written before sealing"), "plain, written before sealing");
}

// Sealed values already stored were written by sodium_bin2base64: the
// encoder Seal uses now must write exactly what it wrote (padding included),
// for every length modulo 3.
TEST(SecretBox, SealedTextIsSodiumsOriginalBase64) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  for (size_t len = 0; len < 70; ++len) {
    std::string plain(len, 'x');
    for (size_t i = 0; i < len; ++i) plain[i] = static_cast<char>(i * 37 + len);
    const std::string sealed = box.Seal(plain);
    ASSERT_TRUE(SecretBox::IsSealed(sealed));
    const std::string b64 = sealed.substr(5);
    std::string raw(b64.size(), '\0');
    size_t n = 0;
    ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(),
                                nullptr, &n, nullptr, sodium_base64_VARIANT_ORIGINAL),
              0)
        << len;
    std::string again(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(again.data(), again.size(), reinterpret_cast<const unsigned char*>(raw.data()), n,
                      sodium_base64_VARIANT_ORIGINAL);
    again.pop_back();  // NUL
    EXPECT_EQ(b64, again) << len;
    EXPECT_EQ(*box.Open(sealed), plain) << len;
  }
}

// SealBinary is the same box unencoded (a bytea column): it opens under the
// same key only, is the size of the box plus its prefix, and is detected as
// sealed; altered or cut short, it does not open.
TEST(SecretBox, BinarySealOpensLikeTheTextOne) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  const std::string plain = "{\"text\":\"tekst met 0612345678\"}";
  const std::string a = box.SealBinary(plain);
  EXPECT_EQ(a.substr(0, 5), "enc2:");
  EXPECT_TRUE(SecretBox::IsSealed(a));
  EXPECT_EQ(a.size(), 5 + 24 + 16 + plain.size());
  EXPECT_EQ(a.find("0612345678"), std::string::npos);
  EXPECT_NE(a, box.SealBinary(plain)) << "a random nonce per value";
  EXPECT_EQ(*box.Open(a), plain);
  EXPECT_EQ(*box.Open(box.SealBinary("")), "");
  EXPECT_FALSE(SecretBox::Derive("other key", "purpose").Open(a).ok());
  std::string altered = a;
  altered[altered.size() - 1] ^= 1;
  EXPECT_EQ(box.Open(altered).status().code(), Status::Code::kCorruption);
  EXPECT_EQ(box.Open(a.substr(0, 5 + 30)).status().code(), Status::Code::kCorruption);
  EXPECT_EQ(box.Open(box.Seal(plain)).value(), plain) << "the text form still opens";
}

// SealBinaryCompressed (an ad version: compress, then encrypt) opens to the
// same value, is shorter than SealBinary's box for text, falls back to that
// box where deflate gains nothing, and opens under the same key only.
TEST(SecretBox, CompressedSealRoundTrips) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  std::string json = "{\"title\":\"Nieuw in Heerlen\",\"text\":\"";
  for (int i = 0; json.size() < 1900; ++i)
    json += "Hoi, ik ben " + std::to_string(19 + i % 20) + " en ontvang je graag, bel 06" + std::to_string(i) + ". ";
  json += "caf\xC3\xA9\"}";
  const std::string a = box.SealBinaryCompressed(json);
  EXPECT_EQ(a.substr(0, 5), "enc3:");
  EXPECT_TRUE(SecretBox::IsSealed(a));
  EXPECT_LT(a.size(), box.SealBinary(json).size() / 2);
  EXPECT_EQ(a.find("Heerlen"), std::string::npos);
  EXPECT_NE(a, box.SealBinaryCompressed(json)) << "a random nonce per value";
  EXPECT_EQ(*box.Open(a), json);
  EXPECT_FALSE(SecretBox::Derive("other key", "purpose").Open(a).ok());
  // Nothing to gain: sealed as SealBinary does, and opens all the same.
  std::string noise(300, '\0');
  randombytes_buf(noise.data(), noise.size());
  for (const std::string& plain : {noise, std::string("x"), std::string()}) {
    const std::string b = box.SealBinaryCompressed(plain);
    EXPECT_EQ(b.substr(0, 5), "enc2:");
    EXPECT_EQ(*box.Open(b), plain);
  }
  // A value of many lengths and every byte value.
  for (size_t len : {1u, 40u, 1000u, 70000u, 1u << 20}) {
    std::string plain(len, '\0');
    for (size_t i = 0; i < len; ++i) plain[i] = static_cast<char>((i * i / 7) % 251);
    EXPECT_EQ(*box.Open(box.SealBinaryCompressed(plain)), plain) << len;
  }
}

// The formats written before compression still open beside the new one.
TEST(SecretBox, OlderFormatsStillOpenBesideTheCompressedOne) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  const std::string plain = "{\"text\":\"" + std::string(500, 'a') + "\"}";
  EXPECT_EQ(*box.Open(box.Seal(plain)), plain);
  EXPECT_EQ(*box.Open(box.SealBinary(plain)), plain);
  EXPECT_EQ(*box.Open(plain), plain);
  EXPECT_EQ(*box.Open(box.SealBinaryCompressed(plain)), plain);
}

// A compressed box that is altered, cut short, or (made with the key)
// holds a stream that is truncated, corrupt, longer or shorter than it
// states, or states more than kMaxInflated: kCorruption with a message that
// says so, never a crash and never that much memory.
TEST(SecretBox, ACorruptCompressedValueIsRefusedClearly) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  std::string plain;
  for (int i = 0; plain.size() < 4000; ++i) plain += "regel " + std::to_string(i) + " met wat tekst. ";
  const std::string a = box.SealBinaryCompressed(plain);
  ASSERT_EQ(a.substr(0, 5), "enc3:");
  std::string altered = a;
  altered[altered.size() / 2] ^= 0x10;
  EXPECT_EQ(box.Open(altered).status().code(), Status::Code::kCorruption);
  for (size_t keep : {size_t{5}, size_t{15}, size_t{5 + 24 + 15}, size_t{5 + 24 + 16 + 3}, a.size() - 1})
    EXPECT_EQ(box.Open(a.substr(0, keep)).status().code(), Status::Code::kCorruption) << keep;

  // What SealBinaryCompressed puts in the box: the length, then raw deflate.
  auto deflated = [](const std::string& in) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&z, in.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
  };
  auto length = [](uint32_t n) {
    return std::string{static_cast<char>(n & 0xff), static_cast<char>(n >> 8 & 0xff), static_cast<char>(n >> 16 & 0xff),
                       static_cast<char>(n >> 24)};
  };
  auto sealed = [&](const std::string& inner) { return "enc3:" + box.SealBinary(inner).substr(5); };
  const std::string stream = deflated(plain);
  const auto n = static_cast<uint32_t>(plain.size());
  ASSERT_EQ(*box.Open(sealed(length(n) + stream)), plain) << "the test builds what the box holds";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"", "too short"},
      {"\x01\x02", "too short"},
      {length(n) + stream.substr(0, stream.size() / 2), "does not inflate"},
      {length(n) + stream.substr(0, stream.size() - 1), "does not inflate"},
      {length(n - 1) + stream, "does not inflate"},
      {length(n + 1) + stream, "does not inflate"},
      {length(n) + stream + "trailing", "does not inflate"},
      {length(n) + std::string(200, '\xff'), "does not inflate"},
      {length(0) + stream, "does not inflate"},
      {length(static_cast<uint32_t>(SecretBox::kMaxInflated) + 1) + stream, "more than"},
      {length(0xffffffffu) + stream, "more than"},
  };
  for (const auto& [inner, says] : bad) {
    auto r = box.Open(sealed(inner));
    ASSERT_FALSE(r.ok()) << inner.size();
    EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("compressed sealed value"), std::string::npos) << r.status().message();
  }
}

// Nonces are drawn many at a time (core/crypto.cc): none repeats over more
// boxes than one draw holds, and a forked child does not hand out the
// nonces its parent has left.
TEST(SecretBox, NoncesNeverRepeatNotEvenAcrossFork) {
  SecretBox box = SecretBox::Derive("key", "purpose");
  auto nonce = [&] { return box.SealBinary("x").substr(5, 24); };
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(nonce()).second) << i;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string n = nonce();
    _exit(write(fds[1], n.data(), n.size()) == static_cast<ssize_t>(n.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string from_child(24, '\0');
  ASSERT_EQ(read(fds[0], from_child.data(), from_child.size()), 24);
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(seen.insert(from_child).second);
  EXPECT_TRUE(seen.insert(nonce()).second) << "the parent's next nonce is not the child's";
}

}  // namespace
}  // namespace adwatch
