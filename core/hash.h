// Hashes used across adwatch: content hashes (SHA-256) and the keyed
// pseudonym of a phone number (HMAC-SHA256), both as lowercase hex.
#pragma once

#include <string>
#include <string_view>

namespace adwatch {

std::string Sha256Hex(std::string_view data);

// A plain hash of a phone number is reversible by trying every number, so
// pseudonyms are keyed; the key lives outside the database.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

}  // namespace adwatch
