#pragma once

// Private to lib/store: the SQL that selects a retention rule's expired
// holdings, shared by the audit's counts and the purge.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "model/retention.h"

namespace dpo::store {

/// "SELECT <select> FROM holding h JOIN subject s ... WHERE <expired>" for a
/// rule's trigger; bind it with bind_rule(). Anonymised holdings never match.
[[nodiscard]] std::string expired_holdings_sql(model::Trigger from, std::string_view select);

void bind_rule(SQLite::Statement& st, const model::RuleDeadline& rule, std::int64_t activity_id,
               std::int64_t category_id, const std::map<std::string, std::int64_t>& purpose_ids, Instant now);

}  // namespace dpo::store
