#pragma once

#include <map>
#include <string>

#include "model/register.h"
#include "store/store.h"

namespace dpo::store {

/// Rows a command added, changed and removed in one table.
struct Changes {
  int added = 0;
  int changed = 0;
  int removed = 0;
  [[nodiscard]] int total() const { return added + changed + removed; }
};

/// What an import did, per table; empty when nothing changed.
using ChangeSet = std::map<std::string, Changes>;

/// An import's changes as its journal record holds them (JSON), per table.
[[nodiscard]] std::string journal_counts(const ChangeSet& changes);

/// Makes the store's register equal to `reg`, changing only rows that differ,
/// so importing the same register twice changes nothing. The caller holds the
/// transaction. Throws InputError when the new register would drop an activity
/// or data category that holdings still use.
[[nodiscard]] ChangeSet save_register(Store& store, const model::Register& reg, const std::string& file_name);

/// The register as stored, in the order it was written; nullopt before any import.
[[nodiscard]] std::optional<model::Register> load_register(Store& store);

/// The stored register, or Error(invalid_input) telling the user to import one.
[[nodiscard]] model::Register require_register(Store& store);

}  // namespace dpo::store
