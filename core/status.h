// Status and Result<T>: how errors cross module boundaries in adwatch.
//
// Libraries never throw across their public headers: an adapter that calls a
// throwing library (libpqxx, toml++, nlohmann-json) catches and returns a
// Status. A Status message is for people: it names the file and line, the URL
// or the peer that caused the error. It never contains personal data (phone
// numbers, ad text, names), because statuses end up in logs.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace adwatch {

// [[nodiscard]]: a Status dropped on the floor is an error the compiler
// names; to ignore one on purpose, say why and cast it to void.
class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input: config, command line, data
    kNotFound,
    kIoError,          // files, sockets, database
    kNetwork,          // HTTP/SMTP transport failures
    kCorruption,       // stored data we cannot read
    kUnavailable,      // try again later (server down, lock busy)
    kFailedPrecondition,  // e.g. store made by a newer adwatch
    kInternal,
  };

  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status Network(std::string m) { return {Code::kNetwork, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Status FailedPrecondition(std::string m) { return {Code::kFailedPrecondition, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

  // Prefixes the message with context ("store: " + message).
  Status Annotate(const std::string& context) const {
    return ok() ? *this : Status(code_, context + ": " + message_);
  }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

namespace internal {
// Logs to stderr and aborts: reading the value of a failed Result is a bug,
// in release builds too (an assert would vanish there).
[[noreturn]] void DieOnBadResultAccess(const Status& status);
}  // namespace internal

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}                      // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::Internal("Result made from an OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { Check(); return *value_; }
  const T& value() const& { Check(); return *value_; }
  T&& value() && { Check(); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void Check() const {
    if (!value_.has_value()) internal::DieOnBadResultAccess(status_);
  }
  std::optional<T> value_;
  Status status_;
};

}  // namespace adwatch

// Returns early from the calling function if `expr` yields a non-OK Status.
#define ADWATCH_RETURN_IF_ERROR(expr)            \
  do {                                           \
    ::adwatch::Status _st = (expr);              \
    if (!_st.ok()) return _st;                   \
  } while (0)
