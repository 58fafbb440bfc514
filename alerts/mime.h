// RFC 5322 / MIME message building for adwatch's mail.
//
// libcurl's SMTP adds neither Date nor Message-ID and does not encode
// non-ASCII headers, so every message is built complete here: Date,
// Message-ID, MIME-Version, RFC 2047 encoded-word headers (each word <= 75
// characters), a multipart/alternative body with a text/plain and a text/html
// part, both UTF-8 in quoted-printable (lines <= 76), CRLF line ends only.
// The output is deterministic for the same input (the boundary derives from
// the Message-ID), so a message re-sent after a restart is byte-identical.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace adwatch {

// "Name <addr@host>" or a bare "addr@host"; the name may be any UTF-8.
struct MailAddress {
  std::string name;
  std::string address;
};
// Parses a config string ("Coördinator <a@b.nl>" or "a@b.nl"); false if the
// address part is not a plausible addr-spec (no '@', spaces, CR/LF, '<>').
bool ParseMailAddress(std::string_view s, MailAddress* out);

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;
  std::string subject;     // UTF-8, any length
  std::string text;        // UTF-8 plain text, '\n' or "\r\n" line ends
  std::string html;        // UTF-8 HTML; empty = text/plain only
  std::string message_id;  // "<local@domain>", see MakeMessageId
  TimePoint date{};
};

// "<adwatch.<key>@<domain of from>>": stable for a stable key (the digest or
// alert message id), so a redelivered message carries the same Message-ID.
std::string MakeMessageId(std::string_view key, std::string_view from_address);

// "Sun, 29 Nov 2026 08:00:00 +0000"
std::string FormatRfc5322Date(TimePoint t);

// An unstructured header value: returned as is if printable ASCII and short,
// otherwise as RFC 2047 B encoded-words of at most 75 characters each, split
// on UTF-8 character boundaries and folded with CRLF SP. `header_len` is the
// length of "Subject: " so the first line stays under 78 characters.
std::string EncodeHeaderWords(std::string_view utf8, size_t header_len);

// Quoted-printable (RFC 2045) of UTF-8 text: line ends become CRLF hard
// breaks, lines longer than 76 get soft breaks, '=', non-ASCII, control
// characters, a leading '.' and trailing white space are encoded.
std::string EncodeQuotedPrintable(std::string_view text);

// The whole message, CRLF line ends, no line longer than 998 octets.
std::string BuildMessage(const MailMessage& m);

// Quoted-printable back to bytes; CRLF hard breaks become '\n', soft breaks vanish.
std::string DecodeQuotedPrintable(std::string_view qp);

// The text/plain part of a message that BuildMessage made, decoded; "" if it
// has none. For showing a message to a person (`adwatch digest --dry-run`).
std::string DecodedTextPart(std::string_view message);

}  // namespace adwatch
