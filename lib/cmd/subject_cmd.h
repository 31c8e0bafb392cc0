#pragma once

#include <optional>
#include <string>

#include "cmd/cli.h"
#include "model/subject.h"

namespace dpo::store {
class Store;
}

namespace dpo::cmd {

/// How a command names one subject: KEY, --email ADDR or --phone NUMBER.
struct SubjectChoice {
  std::string key;
  std::string email;
  std::string phone;
  /// Adds KEY, --email and --phone to a subcommand.
  void add_to(CLI::App& cmd);
  /// The key of the subject named, exactly one way (else Error(usage)), or
  /// nullopt when the store has no such subject.
  [[nodiscard]] std::optional<model::SubjectKey> find(store::Store& store) const;
};

/// dpo-subject: data subjects, their engagements and holdings (import, show).
extern const Program kSubjectProgram;

}  // namespace dpo::cmd
