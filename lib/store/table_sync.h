#pragma once

// Private to lib/store: make a table's rows equal to a desired set, touching
// only the rows that differ.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/register_store.h"

namespace dpo::store {

/// A cell: NULL, an integer or a text.
using Value = std::variant<std::monostate, std::int64_t, std::string>;
/// Key cells first, then value cells, in the order of the table's spec.
using Row = std::vector<Value>;

struct TableSpec {
  std::string_view name;
  std::vector<std::string_view> keys;
  std::vector<std::string_view> values;
};

/// "" becomes NULL: the store keeps absent text as NULL.
[[nodiscard]] Value text_value(const std::string& text);

/// Inserts, updates and deletes so that `spec.name` holds exactly `desired`.
Changes sync_table(SQLite::Database& db, const TableSpec& spec, const std::vector<Row>& desired);

}  // namespace dpo::store
