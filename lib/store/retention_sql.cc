#include "store/retention_sql.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "time/duration.h"

namespace dpo::store {

using namespace model;

std::map<std::string, std::int64_t> code_ids(SQLite::Database& db, const char* table) {
  std::map<std::string, std::int64_t> out;
  SQLite::Statement st(db, std::string("SELECT code, id FROM ") + table);
  while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
  return out;
}

namespace {

void after_function(sqlite3_context* context, int, sqlite3_value** args) {
  if (sqlite3_value_type(args[0]) == SQLITE_NULL || sqlite3_value_type(args[1]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* zone = static_cast<const Zone*>(sqlite3_user_data(context));
  const unsigned char* text = sqlite3_value_text(args[1]);
  Parsed<Duration> d = Duration::parse(reinterpret_cast<const char*>(text));
  if (!d) {
    sqlite3_result_null(context);
    return;
  }
  sqlite3_result_int64(context, to_unix(add(from_unix(sqlite3_value_int64(args[0])), *d, *zone)));
}

}  // namespace

void define_calendar(SQLite::Database& db, const Zone& zone) {
  db.createFunction("dpo_after", 2, true, new Zone(zone), after_function, nullptr, nullptr,
                    [](void* z) { delete static_cast<Zone*>(z); });
}

std::string scope_field_sql(std::string_view e, std::string_view field) {
  return fmt::format("CASE WHEN json_valid({0}.scope) THEN json_extract({0}.scope, '$.{1}') END", e, field);
}

std::string own_end_sql(std::string_view e) {
  return fmt::format("dpo_after({}.at, {})", e, scope_field_sql(e, "duration"));
}

const char* const kPurposesCte = R"(
  p (purpose_id, cutoff) AS (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:purposes)))";

std::string purpose_list(const std::vector<std::pair<std::int64_t, std::optional<Instant>>>& purposes) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, cutoff] : purposes)
    list.push_back({id, cutoff ? nlohmann::json(to_unix(*cutoff)) : nlohmann::json()});
  return list.dump();
}

std::string latest_seq(std::string_view subject, std::string_view purpose) {
  return "(SELECT e2.seq FROM consent_event e2 WHERE e2.subject_id = " + std::string(subject) +
         " AND e2.purpose_id = " + std::string(purpose) +
         " AND e2.at <= :now ORDER BY e2.at DESC, e2.seq DESC LIMIT 1)";
}

namespace {

// expiry_rule.trigger: a date of the holding, of its engagement, or consent.
// expired_scan_from() and expired_condition() write these into their SQL.
enum TriggerCode : int { kCollected = 0, kEnd = 1, kLastContact = 2, kConsent = 3 };

int code_of(Trigger from) {
  switch (from) {
    case Trigger::collected: return kCollected;
    case Trigger::end: return kEnd;
    case Trigger::last_contact: return kLastContact;
    case Trigger::consent_withdrawn:
    case Trigger::consent_expired: return kConsent;
  }
  return kCollected;
}

}  // namespace

void load_expiry_rules(SQLite::Database& db, const std::vector<RuleDeadline>& rules, const Zone& zone) {
  define_calendar(db, zone);
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS expiry_rule (activity_id INTEGER, category_id INTEGER, precedence INTEGER, "
      "rule INTEGER UNIQUE, trigger INTEGER, fallback INTEGER, cutoff INTEGER, action TEXT, activity TEXT, "
      "category TEXT, rule_no INTEGER, obligation INTEGER, PRIMARY KEY (activity_id, category_id, precedence)) WITHOUT ROWID;"
      "CREATE TEMP TABLE IF NOT EXISTS expiry_purpose (rule INTEGER, purpose_id INTEGER, cutoff INTEGER, "
      "ended_by TEXT, PRIMARY KEY (rule, purpose_id)) WITHOUT ROWID;"
      "DELETE FROM temp.expiry_rule; DELETE FROM temp.expiry_purpose");
  auto activity_ids = code_ids(db, "activity");
  auto category_ids = code_ids(db, "data_category");
  auto purpose_ids = code_ids(db, "purpose");
  SQLite::Statement rule_row(db, "INSERT INTO temp.expiry_rule VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement purpose_row(db, "INSERT INTO temp.expiry_purpose VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleDeadline& rule = rules[i];
    int trigger = code_of(rule.from);
    // A consent trigger with no consent purpose never fires.
    if (trigger == kConsent && rule.consent.empty()) continue;
    rule_row.reset();
    rule_row.bind(1, static_cast<int64_t>(activity_ids.at(rule.activity.str())));
    rule_row.bind(2, static_cast<int64_t>(category_ids.at(rule.category.str())));
    rule_row.bind(3, precedence(rule));
    rule_row.bind(4, static_cast<int64_t>(i));
    rule_row.bind(5, trigger);
    if (rule.fallback)
      rule_row.bind(6, code_of(*rule.fallback));
    else
      rule_row.bind(6);
    rule_row.bind(7, static_cast<int64_t>(to_unix(rule.cutoff)));
    rule_row.bind(8, std::string(name_of(retention_actions(), rule.action)));
    rule_row.bind(9, rule.activity.str());
    rule_row.bind(10, rule.category.str());
    rule_row.bind(11, rule.rule_no);
    rule_row.bind(12, rule.obligation ? 1 : 0);
    rule_row.exec();
    for (const ConsentCutoff& c : rule.consent) {
      purpose_row.reset();
      purpose_row.bind(1, static_cast<int64_t>(i));
      purpose_row.bind(2, static_cast<int64_t>(purpose_ids.at(c.purpose.str())));
      if (c.cutoff)
        purpose_row.bind(3, static_cast<int64_t>(to_unix(*c.cutoff)));
      else
        purpose_row.bind(3);
      // Withdrawn: the latest event is a withdrawal; expired: it is the grant.
      purpose_row.bind(4, rule.from == Trigger::consent_withdrawn ? "withdrawn" : "given");
      purpose_row.exec();
    }
  }
}

std::string expired_scan_from() {
  // CROSS JOIN keeps the holdings outermost, read in id order; only the
  // engagement's triggers join the engagement.
  return fmt::format(
      " FROM holding h"
      " CROSS JOIN temp.expiry_rule r ON r.activity_id = h.activity_id AND r.category_id = h.category_id"
      " CROSS JOIN subject s ON s.id = h.subject_id"
      " LEFT JOIN engagement e ON r.trigger IN ({end}, {last_contact}) AND e.subject_id = h.subject_id"
      " AND e.activity_id = h.activity_id",
      fmt::arg("end", int{kEnd}), fmt::arg("last_contact", int{kLastContact}));
}

namespace {

// Whether holding h is past rule `r`'s deadline, `ended` and `last` being
// the expressions of its engagement's dates and `n` a suffix for the
// aliases inside. One branch per trigger code; a fallback (`else:`) stands
// in for an engagement date that is NULL; ELSE is kConsent's: the latest
// event for one of the rule's purposes ended the consent at or before that
// purpose's cutoff, or is a grant whose own duration ran out at or before
// the rule's (consent-expired only: ended_by is 'given').
std::string rule_passed(std::string_view r, std::string_view ended, std::string_view last, std::string_view n) {
  return fmt::format(
      "CASE {r}.trigger"
      " WHEN {collected} THEN h.collected_at <= {r}.cutoff"
      " WHEN {end} THEN coalesce({ended}, CASE {r}.fallback WHEN {collected} THEN h.collected_at"
      " WHEN {last_contact} THEN {last} END) <= {r}.cutoff"
      " WHEN {last_contact} THEN coalesce({last}, CASE {r}.fallback WHEN {collected} THEN h.collected_at"
      " WHEN {end} THEN {ended} END) <= {r}.cutoff"
      " ELSE EXISTS (SELECT 1 FROM temp.expiry_purpose p{n} JOIN consent_event l{n} ON l{n}.seq = {latest}"
      " WHERE p{n}.rule = {r}.rule AND l{n}.action = p{n}.ended_by AND (l{n}.at <= p{n}.cutoff"
      " OR (p{n}.ended_by = 'given' AND {own_end} <= {r}.cutoff))) END",
      fmt::arg("r", r), fmt::arg("ended", ended), fmt::arg("last", last), fmt::arg("n", n),
      fmt::arg("collected", int{kCollected}), fmt::arg("end", int{kEnd}), fmt::arg("last_contact", int{kLastContact}),
      fmt::arg("latest", latest_seq("h.subject_id", fmt::format("p{}.purpose_id", n))),
      fmt::arg("own_end", own_end_sql(fmt::format("l{}", n))));
}

}  // namespace

std::string datable_condition() {
  return fmt::format(
      "CASE r.trigger"
      " WHEN {end} THEN coalesce(e.ended, CASE r.fallback WHEN {collected} THEN h.collected_at"
      " WHEN {last_contact} THEN e.last_contact END) IS NOT NULL"
      " WHEN {last_contact} THEN coalesce(e.last_contact, CASE r.fallback WHEN {collected} THEN h.collected_at"
      " WHEN {end} THEN e.ended END) IS NOT NULL"
      " ELSE 1 END",
      fmt::arg("collected", int{kCollected}), fmt::arg("end", int{kEnd}), fmt::arg("last_contact", int{kLastContact}));
}

std::string expired_condition() {
  // A holding is acted upon under one rule: when several of its category's
  // have passed, the first by precedence (model::precedence), as
  // retention::governing() picks it.
  std::string engagement = "(SELECT {} FROM engagement e2 WHERE e2.subject_id = h.subject_id "
                           "AND e2.activity_id = h.activity_id)";
  std::string ended = fmt::format(fmt::runtime(engagement), "e2.ended");
  std::string last = fmt::format(fmt::runtime(engagement), "e2.last_contact");
  // A legal obligation's rule not yet run out holds the holding whatever the
  // other rules say (its trigger still to come included: NULL is not
  // passed); only archiving, which keeps it, goes ahead.
  std::string obliged = "EXISTS (SELECT 1 FROM temp.expiry_rule r3 WHERE r3.activity_id = r.activity_id"
                        " AND r3.category_id = r.category_id AND r3.obligation = 1 AND coalesce(" +
                        rule_passed("r3", ended, last, "3") + ", 0) = 0)";
  // An archive rule is done once the holding is archived: the rules after
  // it (its final deletion, a review) then apply.
  return "h.anonymised_at IS NULL AND (r.action <> 'archive' OR h.archived_at IS NULL) AND " +
         rule_passed("r", "e.ended", "e.last_contact", "") +
         " AND NOT EXISTS (SELECT 1 FROM temp.expiry_rule r2 WHERE r2.activity_id = r.activity_id"
         " AND r2.category_id = r.category_id AND r2.precedence < r.precedence"
         " AND (r2.action <> 'archive' OR h.archived_at IS NULL) AND " +
         rule_passed("r2", ended, last, "2") + " AND (r.action <> 'archive' OR r2.action = 'archive' OR NOT " +
         obliged + ")) AND (r.action = 'archive' OR NOT " + obliged + ")";
}

namespace {
constexpr std::string_view kRunningHold =
    "SELECT 1 FROM legal_hold lh WHERE lh.subject_id = {s}.id AND lh.released_at IS NULL AND lh.since <= :now "
    "AND (lh.until IS NULL OR lh.until > :now)";
}  // namespace

std::string held_sql() {
  return fmt::format(fmt::runtime("(s.legal_hold OR EXISTS ({} AND coalesce(lh.activity = r.activity, 1) "
                                  "AND coalesce(lh.category = r.category, 1)))"),
                     fmt::format(fmt::runtime(kRunningHold), fmt::arg("s", "s")));
}

std::string subject_held_sql(std::string_view s) {
  return fmt::format("({0}.legal_hold OR EXISTS ({1}))", s, fmt::format(fmt::runtime(kRunningHold), fmt::arg("s", s)));
}

std::string expired_scan_sql(std::string_view select) {
  return "SELECT " + std::string(select) + expired_scan_from() + " WHERE h.id > :after AND " + expired_condition();
}

}  // namespace dpo::store
