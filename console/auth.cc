#include "console/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "core/hash.h"

namespace adwatch::console {
namespace {

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr const char* kSignInFailed = "onbekende gebruiker of onjuist wachtwoord of code";

bool SodiumReady() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  if (!SodiumReady()) return Status::Internal("libsodium did not initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Internal("out of memory hashing a password");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (!SodiumReady() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string Base32Encode(const std::string& bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

bool Base32Decode(const std::string& text, std::string* bytes) {
  bytes->clear();
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=' || ch == '-') continue;
    char c = static_cast<char>(toupper(static_cast<unsigned char>(ch)));
    const char* p = strchr(kAlphabet, c);
    if (c == 0 || p == nullptr) return false;
    buffer = (buffer << 5) | static_cast<uint32_t>(p - kAlphabet);
    bits += 5;
    if (bits >= 8) {
      bytes->push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return !bytes->empty();
}

std::string NewTotpSecret() {
  SodiumReady();
  std::string raw(20, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Base32Encode(raw);
}

std::string TotpCode(const std::string& secret_bytes, uint64_t counter) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i, counter >>= 8) msg[i] = static_cast<unsigned char>(counter & 0xff);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), secret_bytes.data(), static_cast<int>(secret_bytes.size()), msg, sizeof msg, mac, &len);
  int offset = mac[len - 1] & 0x0f;
  uint32_t bin = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) |
                 (mac[offset + 2] << 8) | mac[offset + 3];
  std::string code = std::to_string(bin % 1000000);
  return std::string(6 - code.size(), '0') + code;
}

bool VerifyTotp(const std::string& secret_base32, const std::string& code, TimePoint now) {
  std::string secret;
  if (code.size() != 6 || !Base32Decode(secret_base32, &secret)) return false;
  int64_t step = ToUnixSeconds(now) / 30;
  bool ok = false;
  for (int64_t s = step - 1; s <= step + 1; ++s) ok |= TokensEqual(TotpCode(secret, static_cast<uint64_t>(s)), code);
  return ok;
}

std::string RandomToken() {
  SodiumReady();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

std::string SessionHash(const std::string& session_id) { return Sha256Hex(session_id); }

bool TokensEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<ConsoleUser> SignIn(UserStore& store, const std::string& name, const std::string& password,
                           const std::string& totp_code, TimePoint now) {
  auto user = store.GetUser(name);
  if (!user.ok()) {
    if (user.status().code() != Status::Code::kNotFound) return user.status();
    static const auto dummy = HashPassword("adwatch");  // an unknown name costs the time of a known one
    if (dummy.ok()) VerifyPassword(*dummy, password);
    return Status::InvalidArgument(kSignInFailed);
  }
  if (user->disabled || user->password_hash.empty() || (user->locked_until && *user->locked_until > now))
    return Status::InvalidArgument(kSignInFailed);
  bool ok = VerifyPassword(user->password_hash, password);
  if (ok && !user->totp_secret.empty()) ok = VerifyTotp(user->totp_secret, totp_code, now);
  if (ok) {
    if (user->failures != 0 || user->locked_until) {
      user->failures = 0;
      user->locked_until.reset();
      ADWATCH_RETURN_IF_ERROR(store.SaveUser(*user, now));
    }
    return user;
  }
  if (++user->failures >= kMaxFailures) {
    user->locked_until = now + kLockout;
    user->failures = 0;
  }
  ADWATCH_RETURN_IF_ERROR(store.SaveUser(*user, now));
  return Status::InvalidArgument(kSignInFailed);
}

}  // namespace adwatch::console
