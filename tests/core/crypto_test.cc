// core/crypto.h: sealed values open under the same key only, equal values
// do not look equal, unsealed values pass through.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace adwatch
