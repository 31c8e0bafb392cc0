#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

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

/// The activities an import added, changed (any field or list of their own)
/// and removed, by id, in the register's order (the removed in the old one).
struct ActivityChanges {
  std::vector<std::string> added, changed, removed;
};

/// What a register import did: rows per table, and the activities it touched.
struct RegisterChanges {
  ChangeSet tables;
  ActivityChanges activities;
  [[nodiscard]] bool empty() const { return tables.empty(); }
};

/// An import's changes as its journal record holds them (JSON): the counts
/// per table, then "activity_ids" with the ids added, changed and removed.
[[nodiscard]] std::string journal_counts(const RegisterChanges& changes);

/// Makes the store's register equal to `reg`, changing only rows that differ,
/// so importing the same register twice changes nothing. The caller holds the
/// transaction. Throws InputError when the new register would drop an activity
/// or data category that holdings still use.
[[nodiscard]] RegisterChanges save_register(Store& store, const model::Register& reg, const std::string& file_name);

/// The register imports' journal read for dates: each current activity's
/// creation (the first import that added it) and last update (the last that
/// added or changed it). An import recorded before the journal named
/// activities says nothing of them: an activity it alone added takes the
/// first import's date. nullopt before any import.
[[nodiscard]] std::optional<model::RegisterHistory> register_history(Store& store);

/// The register as stored, in the order it was written; nullopt before any import.
[[nodiscard]] std::optional<model::Register> load_register(Store& store);

/// The stored register, or Error(invalid_input) telling the user to import one.
[[nodiscard]] model::Register require_register(Store& store);

}  // namespace dpo::store
