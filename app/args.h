// A small command-line parser for adwatch's subcommands: "--name VALUE",
// "--name=VALUE", boolean "--flag", and positional arguments. Unknown options
// are usage errors (exit 2), named in the message.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace adwatch {

class Args {
 public:
  // `with_value` lists options that take a value, `flags` the boolean ones.
  Args(std::vector<std::string> argv, std::set<std::string> with_value, std::set<std::string> flags);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  bool Has(const std::string& name) const { return flags_.count(name) || values_.count(name); }
  std::optional<std::string> Value(const std::string& name) const;
  std::string ValueOr(const std::string& name, const std::string& dflt) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  std::string error_;
};

}  // namespace adwatch
