#include "core/crypto.h"

#include <openssl/evp.h>
#include <sodium.h>
#include <pthread.h>

#include <atomic>
#include <cstring>

#include "core/hash.h"

namespace adwatch {
namespace {
constexpr std::string_view kPrefix = "enc1:";
constexpr std::string_view kBinaryPrefix = "enc2:";

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Bumped in a forked child (pthread_atfork): the pools below are copied into
// it, and it must not hand out its parent's remaining nonces again.
std::atomic<unsigned> g_fork_generation{0};

// A fresh random nonce. randombytes_buf is one getrandom() system call per
// call, 1.9 us on the VMs we run on: more than encrypting a 1.7 KB ad
// version (store ingest seals every new ad). So each thread draws nonces for
// many boxes at once and hands out every byte once.
void FreshNonce(unsigned char* out) {
  static const int registered = pthread_atfork(nullptr, nullptr, [] { g_fork_generation.fetch_add(1); });
  (void)registered;
  constexpr size_t kNonces = 128;
  thread_local unsigned char pool[kNonces * crypto_secretbox_NONCEBYTES];
  thread_local size_t used = sizeof pool;
  thread_local unsigned generation = 0;
  const unsigned now = g_fork_generation.load(std::memory_order_relaxed);
  if (used == sizeof pool || generation != now) {
    randombytes_buf(pool, sizeof pool);
    used = 0;
    generation = now;
  }
  std::memcpy(out, pool + used, crypto_secretbox_NONCEBYTES);
  sodium_memzero(pool + used, crypto_secretbox_NONCEBYTES);
  used += crypto_secretbox_NONCEBYTES;
}
}  // namespace

SecretBox SecretBox::Derive(std::string_view secret, std::string_view purpose) {
  SecretBox box;
  std::string hex = HmacSha256Hex(secret, "adwatch secretbox key\n" + std::string(purpose));
  for (size_t i = 0; i + 1 < hex.size(); i += 2) box.key_ += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return box;
}

bool SecretBox::IsSealed(std::string_view stored) {
  return stored.substr(0, kPrefix.size()) == kPrefix || stored.substr(0, kBinaryPrefix.size()) == kBinaryPrefix;
}

std::string SecretBox::SealBinary(std::string_view plain) const {
  if (!SodiumReady()) abort();  // no randomness: never store a value unencrypted instead
  std::string sealed(kBinaryPrefix.size() + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(),
                     '\0');
  sealed.replace(0, kBinaryPrefix.size(), kBinaryPrefix);
  auto* out = reinterpret_cast<unsigned char*>(sealed.data() + kBinaryPrefix.size());
  FreshNonce(out);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), out, reinterpret_cast<const unsigned char*>(key_.data()));
  return sealed;
}

std::string SecretBox::Seal(std::string_view plain) const {
  const std::string binary = SealBinary(plain);
  const auto* out = reinterpret_cast<const unsigned char*>(binary.data() + kBinaryPrefix.size());
  const size_t size = binary.size() - kBinaryPrefix.size();
  // Standard base64 with padding, as sodium's ORIGINAL variant reads it. Not
  // sodium_bin2base64: its constant-time encoder (made for secrets) cost more
  // than the encryption, and a ciphertext is no secret. Written after the prefix.
  std::string sealed(kPrefix);
  sealed.resize(kPrefix.size() + 4 * ((size + 2) / 3) + 1);  // + EVP_EncodeBlock's NUL
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(sealed.data() + kPrefix.size()), out,
                                static_cast<int>(size));
  sealed.resize(kPrefix.size() + static_cast<size_t>(n));
  return sealed;
}

Result<std::string> SecretBox::Open(std::string_view stored) const {
  if (!IsSealed(stored)) return std::string(stored);
  if (!SodiumReady()) return Status::Internal("libsodium did not initialise");
  std::string raw;
  size_t len = 0;
  if (stored.substr(0, kBinaryPrefix.size()) == kBinaryPrefix) {
    raw = stored.substr(kBinaryPrefix.size());
    len = raw.size();
    if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
      return Status::Corruption("a sealed value is too short");
  } else {
    std::string_view b64 = stored.substr(kPrefix.size());
    raw.assign(b64.size(), '\0');
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
      return Status::Corruption("a sealed value is not valid base64");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), in + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, in,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return Status::Corruption("a sealed value does not open with this key (another key, or altered)");
  return plain;
}

}  // namespace adwatch
