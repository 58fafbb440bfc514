// Encryption at rest of the few values that must stay readable (numbers
// behind a signal, ad texts, evidence): libsodium crypto_secretbox
// (XSalsa20-Poly1305) with a random nonce per value, so a copy of the
// database file alone reveals none of them, and equal values do not look
// equal. Sealed values are text: "enc1:" + base64(nonce || box).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace adwatch {

class SecretBox {
 public:
  // A box under a 32-byte key derived from `secret` (any length; e.g. the
  // contents of a credential file) and `purpose` (domain separation).
  static SecretBox Derive(std::string_view secret, std::string_view purpose);

  std::string Seal(std::string_view plain) const;
  // The same box unencoded, for a binary column (PostgreSQL bytea): "enc2:" +
  // nonce || box, a quarter shorter than Seal's text and not base64-encoded.
  std::string SealBinary(std::string_view plain) const;
  // The plain text of a sealed value (Seal's or SealBinary's); a value
  // without the "enc1:" or "enc2:" prefix is returned as it is (written
  // before encryption, or never secret).
  // kCorruption if the box does not open (another key, or altered).
  Result<std::string> Open(std::string_view stored) const;
  static bool IsSealed(std::string_view stored);

 private:
  std::string key_;  // 32 bytes
};

}  // namespace adwatch
