// Sign-in for the review console: Argon2id password hashes (libsodium), TOTP
// second factor (RFC 6238 over OpenSSL's HMAC-SHA1), lockout after repeated
// failures, and random session ids and form tokens. No I/O except the store.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch::console {

constexpr int kMaxFailures = 5;                    // then locked for kLockout
constexpr auto kLockout = std::chrono::minutes(15);

// libsodium's crypto_pwhash_str (Argon2id, interactive limits). Fails only if
// libsodium cannot initialise or allocate.
Result<std::string> HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);

// RFC 4648 base32 without padding (TOTP secrets as authenticator apps take them).
std::string Base32Encode(const std::string& bytes);
bool Base32Decode(const std::string& text, std::string* bytes);
// A new random 160-bit TOTP secret, base32.
std::string NewTotpSecret();
// RFC 6238: HMAC-SHA1, 30 s steps, 6 digits, for time step `counter`.
std::string TotpCode(const std::string& secret_bytes, uint64_t counter);
// True if `code` is the code of `now`'s step or one step either side.
bool VerifyTotp(const std::string& secret_base32, const std::string& code, TimePoint now);

// 32 random bytes as 64 hex characters (session ids, CSRF tokens).
std::string RandomToken();
// What the store keeps of a session id.
std::string SessionHash(const std::string& session_id);
// Constant-time comparison of two tokens.
bool TokensEqual(const std::string& a, const std::string& b);

// Checks a local sign-in. Unknown users, disabled or locked accounts, wrong
// passwords and wrong codes all fail with the same kInvalidArgument message
// ("onbekende gebruiker of onjuist wachtwoord of code") so the answer tells
// nothing about which part was wrong; each failure of a known account counts,
// the fifth locks it for kLockout. A success resets the count.
Result<ConsoleUser> SignIn(UserStore& store, const std::string& name, const std::string& password,
                           const std::string& totp_code, TimePoint now);

}  // namespace adwatch::console
