#pragma once

// Private to lib/store: the SQL that finds retention rules' expired
// holdings, shared by the audit's counts and the purge, and the pieces of
// consent SQL both build on.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/retention.h"

namespace dpo::store {

/// Defines dpo_after(unix_seconds, duration) on the connection: the instant
/// `duration` (ISO 8601, "P1Y") after the given one on `zone`'s calendar, or
/// NULL when either is NULL or the duration does not parse. The SQL of
/// consents' own durations (own_end_sql) needs it.
void define_calendar(SQLite::Database& db, const Zone& zone);

/// Field `field` of consent event `e`'s scope column ("duration",
/// "parental"), or NULL when it has none or the column is not JSON: a
/// hand-edited scope must not stop a query (the ledger check names it).
[[nodiscard]] std::string scope_field_sql(std::string_view e, std::string_view field);

/// The instant consent event `e`'s own duration (scope.duration) ends it, or
/// NULL: an SQL expression over alias `e`, needing define_calendar().
[[nodiscard]] std::string own_end_sql(std::string_view e);

/// code -> id of a register table (activity, data_category, purpose).
[[nodiscard]] std::map<std::string, std::int64_t> code_ids(SQLite::Database& db, const char* table);

/// A CTE "p (purpose_id, cutoff)" over the JSON bound to :purposes (see
/// purpose_list), to follow "WITH".
extern const char* const kPurposesCte;

/// [[purpose id, cutoff or null], ...]: the value to bind to :purposes.
[[nodiscard]] std::string purpose_list(const std::vector<std::pair<std::int64_t, std::optional<Instant>>>& purposes);

/// A scalar subquery: the seq of `subject`'s latest consent event for
/// purpose `purpose` at or before :now, one descent of consent_by_subject.
[[nodiscard]] std::string latest_seq(std::string_view subject, std::string_view purpose = "p.purpose_id");

/// Loads `rules` into the connection's temporary tables expiry_rule (one
/// row a rule: its activity and category ids, trigger, cutoff, action and
/// names; `rule` is the index in `rules`) and expiry_purpose (the purposes
/// and cutoffs of the consent-triggered ones), for expired_scan_sql().
/// Defines the calendar (define_calendar) on `zone`, which computed `rules`.
void load_expiry_rules(SQLite::Database& db, const std::vector<model::RuleDeadline>& rules, const Zone& zone);

/// "SELECT <select> FROM holding h, its rule r, subject s ... WHERE h.id >
/// :after AND <h is past r's deadline>": every rule's expired holdings (under
/// legal hold too: held_sql() says) in one pass over the holdings in id
/// order, which follows the subjects, their engagements and their consent
/// events: sequential reads, where a search per rule would jump around the
/// file. Bind :after and :now; ORDER BY h.id costs no sort.
[[nodiscard]] std::string expired_scan_sql(std::string_view select);

/// The parts of expired_scan_sql(), for a statement that needs the test
/// elsewhere than in its WHERE: " FROM holding h ..." with r, s and e, and
/// the condition that h is past r's deadline (legal holds aside).
[[nodiscard]] std::string expired_scan_from();
/// Whether rule r can date holding h: its trigger is not an engagement date,
/// or that date (or its fallback's) is there; e is h's engagement, joined
/// whatever r's trigger.
[[nodiscard]] std::string datable_condition();
[[nodiscard]] std::string expired_condition();

/// 1 when a legal hold keeps holding h under rule r at :now, else 0: the
/// subject's flag (s.legal_hold) or a running hold on them (legal_hold,
/// model::LegalHold) whose activity and category cover r's.
[[nodiscard]] std::string held_sql();
/// Whether a running hold of any scope, or the flag, is on subject `s`
/// (an alias of subject) at :now: such a subject stays in the store.
[[nodiscard]] std::string subject_held_sql(std::string_view s);

}  // namespace dpo::store
