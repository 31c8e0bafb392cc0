#pragma once

#include <string_view>
#include <vector>

namespace dpo::store {

/// One section of schemas/store.sql: the SQL that takes a store from version-1 to version.
struct Migration {
  int version;
  std::string_view sql;
};

/// The migrations of schemas/store.sql, in order, versions 1..latest.
[[nodiscard]] const std::vector<Migration>& migrations();
/// The schema version this build writes.
[[nodiscard]] int latest_schema_version();

}  // namespace dpo::store
