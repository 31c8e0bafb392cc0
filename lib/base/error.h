#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "base/exit_code.h"

namespace dpo {

/// Thrown when the environment or the input fails; the one catch site in
/// cmd/run_main prints the message and exits with the code. Expected outcomes
/// (findings, "not found") are values, never exceptions.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

/// Where in a user's file a problem sits. Line and column count from 1; 0 means unknown.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  [[nodiscard]] std::string str() const;
};

/// One problem in a user's file: what is wrong, where, and how to fix it.
struct Diagnostic {
  Location where;
  std::string message;  ///< lower case, no full stop, subject quoted: "unknown purpose 'x'"
  std::string hint;     ///< optional, e.g. "did you mean 'newsletter'?"

  /// "unknown purpose 'x' at register.yaml:41:9 (did you mean 'newsletter'?)"
  [[nodiscard]] std::string str() const;
};

/// Gathers every problem of a file before refusing it (STYLE habit 4). Past
/// `keep` problems it only counts, so a huge bad file cannot exhaust memory.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t keep = 100) : keep_(keep) {}
  void add(Location where, std::string message, std::string hint = {});
  [[nodiscard]] bool empty() const { return total_ == 0; }
  /// Every problem reported, kept or not.
  [[nodiscard]] std::size_t size() const { return total_; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }

  /// Adds what `other` gathered from the same input, keeping the problems in
  /// the order of their place in it (line, then column), as if one pass had
  /// found them all.
  void merge(const Diagnostics& other);

  /// Throws InputError when anything was gathered; `what` names the input as
  /// the summary should say it: "'register.yaml'" or "the command line".
  void throw_if_any(const std::string& what) const;

 private:
  std::size_t keep_;
  std::size_t total_ = 0;
  std::vector<Diagnostic> items_;
};

/// Invalid input: every kept diagnostic is printed, then the summary
/// ("'register.yaml' has 2 errors; nothing was written"); exit 3.
class InputError : public Error {
 public:
  InputError(std::string what, std::vector<Diagnostic> items, std::size_t total = 0);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return items_; }
  /// How many problems there were, including those not kept.
  [[nodiscard]] std::size_t total() const { return total_; }

 private:
  std::vector<Diagnostic> items_;
  std::size_t total_;
};

}  // namespace dpo
