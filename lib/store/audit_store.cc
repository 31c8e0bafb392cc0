#include "store/audit_store.h"

#include <nlohmann/json.hpp>

#include "store/detail.h"
#include "store/retention_sql.h"

namespace dpo::store {

using namespace model;

namespace {

// The latest consent event at or before :now of each subject, for the
// purposes in :purposes, a JSON list of [purpose id, cutoff] pairs. The
// window runs along consent_by_subject, so it needs no sort.
constexpr const char* kLatestConsent = R"(
  p (purpose_id, cutoff) AS (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:purposes)),
  latest AS (
    SELECT subject_id, purpose_id, action, at FROM (
      SELECT e.subject_id, e.purpose_id, e.action, e.at,
             row_number() OVER (PARTITION BY e.subject_id, e.purpose_id ORDER BY e.at DESC, e.seq DESC) AS rn
      FROM consent_event e
      WHERE e.purpose_id IN (SELECT purpose_id FROM p) AND e.at <= :now)
    WHERE rn = 1))";

std::map<std::string, std::int64_t> ids_of(SQLite::Database& db, const char* table) {
  std::map<std::string, std::int64_t> out;
  SQLite::Statement st(db, std::string("SELECT code, id FROM ") + table);
  while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
  return out;
}

long long count(SQLite::Statement& st) {
  long long n = st.executeStep() && !st.getColumn(0).isNull() ? st.getColumn(0).getInt64() : 0;
  st.reset();
  return n;
}

// [[purpose id, cutoff or null], ...] for json_each.
std::string purpose_list(const std::vector<std::pair<std::int64_t, std::optional<Instant>>>& purposes) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, cutoff] : purposes)
    list.push_back({id, cutoff ? nlohmann::json(to_unix(*cutoff)) : nlohmann::json()});
  return list.dump();
}

void consent_backing(SQLite::Database& db, const Register& reg, const Activity& a, std::int64_t activity_id,
                     const std::map<std::string, std::int64_t>& purpose_ids, Instant now, const Zone& zone,
                     ActivityFacts& facts) {
  // A consent given at or before its purpose's cutoff has expired by now.
  std::vector<std::pair<std::int64_t, std::optional<Instant>>> purposes;
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    if (!p || !p->consent_required) continue;
    purposes.push_back({purpose_ids.at(id.str()),
                        p->validity ? std::optional<Instant>(latest_start(now, *p->validity, zone)) : std::nullopt});
  }
  if (purposes.empty()) return;
  // Each holder's weakest consent across the activity's consent purposes:
  // 3 valid, 2 expired, 1 none, refused or withdrawn.
  SQLite::Statement st(db, std::string("WITH") + kLatestConsent + R"(,
    holders AS (
      SELECT subject_id, count(*) AS n FROM holding
      WHERE activity_id = :activity AND anonymised_at IS NULL GROUP BY subject_id),
    ranked AS (
      SELECT h.subject_id, h.n,
             min(CASE WHEN l.action = 'given' AND (p.cutoff IS NULL OR l.at > p.cutoff) THEN 3
                      WHEN l.action = 'given' THEN 2
                      ELSE 1 END) AS rank
      FROM holders h CROSS JOIN p
      LEFT JOIN latest l ON l.subject_id = h.subject_id AND l.purpose_id = p.purpose_id
      GROUP BY h.subject_id)
    SELECT rank, count(*), sum(n) FROM ranked GROUP BY rank)");
  st.bind(":purposes", purpose_list(purposes));
  st.bind(":now", static_cast<int64_t>(to_unix(now)));
  st.bind(":activity", static_cast<int64_t>(activity_id));
  while (st.executeStep()) {
    int rank = st.getColumn(0).getInt();
    long long subjects = st.getColumn(1).getInt64();
    long long holdings = st.getColumn(2).getInt64();
    if (rank == 3) {
      facts.valid_subjects = subjects;
      facts.valid_holdings = holdings;
    } else if (rank == 2) {
      facts.expired_subjects = subjects;
      facts.expired_holdings = holdings;
    } else {
      facts.unconsented_subjects = subjects;
      facts.unconsented_holdings = holdings;
    }
  }
}

// The condition and joins that select a rule's expired holdings.
struct TriggerSql {
  std::string with;   ///< a WITH clause, or ""
  std::string join;
  std::string where;  ///< ANDed to the holding's activity and category
};

TriggerSql trigger_sql(Trigger from) {
  switch (from) {
    case Trigger::collected: return {"", "", "h.collected_at <= :cutoff"};
    case Trigger::end:
      return {"", "JOIN engagement e ON e.subject_id = h.subject_id AND e.activity_id = h.activity_id",
              "e.ended <= :cutoff"};
    case Trigger::last_contact:
      return {"", "JOIN engagement e ON e.subject_id = h.subject_id AND e.activity_id = h.activity_id",
              "e.last_contact <= :cutoff"};
    case Trigger::consent_withdrawn:
      return {std::string("WITH") + kLatestConsent,
              "JOIN latest l ON l.subject_id = h.subject_id JOIN p ON p.purpose_id = l.purpose_id",
              "l.action = 'withdrawn' AND l.at <= p.cutoff"};
    case Trigger::consent_expired:
      return {std::string("WITH") + kLatestConsent,
              "JOIN latest l ON l.subject_id = h.subject_id JOIN p ON p.purpose_id = l.purpose_id",
              "l.action = 'given' AND l.at <= p.cutoff"};
  }
  return {};
}

}  // namespace

std::string expired_holdings_sql(Trigger from, std::string_view select) {
  TriggerSql t = trigger_sql(from);
  return t.with + " SELECT " + std::string(select) + " FROM holding h JOIN subject s ON s.id = h.subject_id " +
         t.join + " WHERE h.activity_id = :activity AND h.category_id = :category AND h.anonymised_at IS NULL AND " +
         t.where;
}

void bind_rule(SQLite::Statement& st, const RuleDeadline& rule, std::int64_t activity_id, std::int64_t category_id,
               const std::map<std::string, std::int64_t>& purpose_ids, Instant now) {
  st.bind(":activity", static_cast<int64_t>(activity_id));
  st.bind(":category", static_cast<int64_t>(category_id));
  if (rule.from == Trigger::consent_withdrawn || rule.from == Trigger::consent_expired) {
    std::vector<std::pair<std::int64_t, std::optional<Instant>>> purposes;
    for (const ConsentCutoff& c : rule.consent) purposes.push_back({purpose_ids.at(c.purpose.str()), c.cutoff});
    st.bind(":purposes", purpose_list(purposes));
    st.bind(":now", static_cast<int64_t>(to_unix(now)));
  } else {
    st.bind(":cutoff", static_cast<int64_t>(to_unix(rule.cutoff)));
  }
}

AuditFacts audit_facts(Store& store, const Register& reg, const std::vector<RuleDeadline>& rules, Instant now,
                       const Zone& zone, int consent_age) {
  SQLite::Database& db = store::db(store);
  AuditFacts facts;
  auto activity_ids = ids_of(db, "activity");
  auto category_ids = ids_of(db, "data_category");
  auto purpose_ids = ids_of(db, "purpose");

  // Per activity: who and what it holds, minors, and how much consent backs.
  Date today = local_date(now, zone);
  std::string adult_born = format_date(Date{today.year() - date::years{18}, today.month(),
                                            today.month() == date::February && today.day() == date::day{29}
                                                ? date::day{28}
                                                : today.day()});
  SQLite::Statement subjects(db, "SELECT count(*) FROM engagement WHERE activity_id = ?");
  SQLite::Statement holdings(db, "SELECT count(*) FROM holding WHERE activity_id = ? AND anonymised_at IS NULL");
  SQLite::Statement minors(db,
                           "SELECT count(*) FROM engagement e JOIN subject s ON s.id = e.subject_id "
                           "WHERE e.activity_id = ? AND s.birth_date > ?");
  for (const Activity& a : reg.activities) {
    std::int64_t id = activity_ids.at(a.id.str());
    ActivityFacts f;
    f.activity = a.id;
    subjects.bind(1, static_cast<int64_t>(id));
    f.subjects = count(subjects);
    holdings.bind(1, static_cast<int64_t>(id));
    f.holdings = count(holdings);
    minors.bind(1, static_cast<int64_t>(id));
    minors.bind(2, adult_born);
    f.minors = count(minors);
    if (a.legal_basis == LegalBasis::consent) consent_backing(db, reg, a, id, purpose_ids, now, zone, f);
    facts.activities.push_back(f);
  }

  // Per retention rule: what is past its deadline, and what a legal hold keeps.
  for (const RuleDeadline& rule : rules) {
    RuleFacts f{rule, 0, 0, 0};
    bool consent_trigger = rule.from == Trigger::consent_withdrawn || rule.from == Trigger::consent_expired;
    if (!consent_trigger || !rule.consent.empty()) {
      SQLite::Statement st(db, expired_holdings_sql(rule.from,
                                                    "count(DISTINCT CASE WHEN s.legal_hold = 0 THEN h.id END), "
                                                    "count(DISTINCT CASE WHEN s.legal_hold = 0 THEN h.subject_id END), "
                                                    "count(DISTINCT CASE WHEN s.legal_hold = 1 THEN h.id END)"));
      bind_rule(st, rule, activity_ids.at(rule.activity.str()), category_ids.at(rule.category.str()), purpose_ids,
                now);
      if (st.executeStep()) {
        f.overdue = st.getColumn(0).getInt64();
        f.overdue_subjects = st.getColumn(1).getInt64();
        f.held = st.getColumn(2).getInt64();
      }
    }
    facts.rules.push_back(f);
  }

  // Per purpose: proof of the consents given, and CPF-funded people a marketing
  // purpose reaches without opt-in nor ongoing training (C. trav. L6323-8-1).
  SQLite::Statement proof(db,
                          "SELECT count(*), sum(notice_version IS NULL OR notice_sha256 IS NULL OR channel IS NULL "
                          "OR evidence IS NULL) FROM consent_event WHERE purpose_id = ? AND action = 'given'");
  for (const Purpose& p : reg.purposes) {
    PurposeFacts f;
    f.purpose = p.id;
    std::int64_t id = purpose_ids.at(p.id.str());
    proof.bind(1, static_cast<int64_t>(id));
    if (proof.executeStep()) {
      f.events = proof.getColumn(0).getInt64();
      f.without_proof = proof.getColumn(1).isNull() ? 0 : proof.getColumn(1).getInt64();
    }
    proof.reset();
    bool canvassing = std::any_of(p.channels.begin(), p.channels.end(), [](Channel c) { return c != Channel::post; });
    if (p.marketing && canvassing) {
      std::optional<Instant> cutoff =
          p.validity ? std::optional<Instant>(latest_start(now, *p.validity, zone)) : std::nullopt;
      SQLite::Statement st(db, std::string("WITH") + kLatestConsent + R"(
        SELECT count(DISTINCT h.subject_id) FROM holding h
        JOIN subject s ON s.id = h.subject_id
        JOIN activity_purpose ap ON ap.activity_id = h.activity_id AND ap.purpose_id = :purpose
        LEFT JOIN latest l ON l.subject_id = h.subject_id
        CROSS JOIN p
        WHERE s.cpf_funded = 1 AND h.anonymised_at IS NULL
          AND NOT (l.action IS NOT NULL AND l.action = 'given' AND (p.cutoff IS NULL OR l.at > p.cutoff))
          AND NOT EXISTS (
            SELECT 1 FROM engagement e JOIN activity a ON a.id = e.activity_id
            WHERE e.subject_id = s.id AND a.legal_basis = 'contract'
              AND e.started <= :now AND (e.ended IS NULL OR e.ended > :now)))");
      st.bind(":purposes", purpose_list({{id, cutoff}}));
      st.bind(":now", static_cast<int64_t>(to_unix(now)));
      st.bind(":purpose", static_cast<int64_t>(id));
      f.cpf_reached = count(st);
    }
    facts.purposes.push_back(f);
  }

  // Given consents of subjects under the consent age, without co-signature:
  // SQL narrows to plausible cases (with a day's margin), C++ decides on the
  // controller's calendar.
  SQLite::Statement minor_consents(
      db,
      "SELECT e.id, e.at, s.birth_date FROM consent_event e JOIN subject s ON s.id = e.subject_id "
      "WHERE e.action = 'given' AND s.birth_date IS NOT NULL "
      "AND (e.scope IS NULL OR json_extract(e.scope, '$.parental') IS NULL) "
      "AND s.birth_date >= date(e.at, 'unixepoch', '-' || ? || ' years', '-1 day') ORDER BY e.seq");
  minor_consents.bind(1, consent_age);
  while (minor_consents.executeStep()) {
    Parsed<Date> birth = parse_date(minor_consents.getColumn(2).getString());
    if (!birth || age_at(*birth, from_unix(minor_consents.getColumn(1).getInt64()), zone) >= consent_age) continue;
    if (++facts.minor_consents <= 5) facts.minor_consent_events.push_back(minor_consents.getColumn(0).getString());
  }

  facts.open_erasure_tasks = db.execAndGet("SELECT count(*) FROM erasure_task WHERE done_at IS NULL").getInt64();
  return facts;
}

}  // namespace dpo::store
