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
  // SealBinary of the value deflated first (compress, then encrypt): "enc3:" +
  // nonce || box of (the plain length, 4 bytes little-endian || raw deflate
  // at level 1). For long text (an ad version, ~1.9 KB of JSON: about 0.58 of
  // it). A value that deflate does not shorten is sealed as SealBinary does.
  std::string SealBinaryCompressed(std::string_view plain) const;
  // The most a compressed value may inflate to; Open refuses more.
  static constexpr size_t kMaxInflated = 64u << 20;
  // The plain text of a sealed value (Seal's, SealBinary's or
  // SealBinaryCompressed's); a value without the "enc1:", "enc2:" or "enc3:"
  // prefix is returned as it is (written before encryption, or never secret).
  // kCorruption if the box does not open (another key, or altered), or if
  // what it holds does not inflate to the length it states (at most
  // kMaxInflated): never more memory than that, never a crash.
  Result<std::string> Open(std::string_view stored) const;
  static bool IsSealed(std::string_view stored);

 private:
  std::string key_;  // 32 bytes
};

}  // namespace adwatch
