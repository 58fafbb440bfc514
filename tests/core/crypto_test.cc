// core/crypto.h: sealed values open under the same key only, equal values
// do not look equal, unsealed values pass through.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

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
