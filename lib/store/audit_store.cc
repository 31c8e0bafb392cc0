#include "store/audit_store.h"

#include <algorithm>
#include <set>
#include <nlohmann/json.hpp>

#include "store/detail.h"
#include "store/retention_sql.h"
#include "store/sar_store.h"

namespace dpo::store {

using namespace model;

namespace {

long long count(SQLite::Statement& st) {
  long long n = st.executeStep() && !st.getColumn(0).isNull() ? st.getColumn(0).getInt64() : 0;
  st.reset();
  return n;
}

// The holders of an activity's holdings (of `categories` only, when given)
// by their weakest consent across `purposes`: 3 valid, 2 expired (past the
// purpose's validity, the controller's renewal policy), 1 none, refused,
// withdrawn, ended with the period the person agreed to (its own
// scope.duration: no consent after it), or given by a child under the
// consent age without the parental co-signature, which is no consent (Art.
// 8(1); LIL art. 45). Subjects and holdings per rank.
struct ConsentRanks {
  long long subjects[4] = {};
  long long holdings[4] = {};
};

ConsentRanks consent_ranks(SQLite::Database& db, std::int64_t activity_id,
                           const std::vector<std::pair<std::int64_t, std::optional<Instant>>>& purposes,
                           const std::vector<std::int64_t>& categories, const std::string& invalid, Instant now) {
  ConsentRanks out;
  if (purposes.empty()) return out;
  SQLite::Statement st(db, std::string("WITH") + kPurposesCte + R"(,
    holders AS (
      SELECT subject_id, count(*) AS n FROM holding
      WHERE activity_id = :activity AND anonymised_at IS NULL
        AND (:categories IS NULL OR category_id IN (SELECT value FROM json_each(:categories)))
      GROUP BY subject_id),
    latest AS (
      SELECT h.subject_id, h.n, p.cutoff, )" +
                               latest_seq("h.subject_id") + R"( AS seq
      FROM holders h CROSS JOIN p),
    ranked AS (
      SELECT l.subject_id, l.n,
             min(CASE WHEN e.seq IN (SELECT value FROM json_each(:invalid)) THEN 1
                      WHEN e.action IS NOT 'given' OR coalesce()" + own_end_sql("e") + R"( > :now, 1) = 0 THEN 1
                      WHEN l.cutoff IS NULL OR e.at > l.cutoff THEN 3
                      ELSE 2 END) AS rank
      FROM latest l LEFT JOIN consent_event e ON e.seq = l.seq
      GROUP BY l.subject_id)
    SELECT rank, count(*), sum(n) FROM ranked GROUP BY rank)");
  st.bind(":purposes", purpose_list(purposes));
  st.bind(":now", static_cast<int64_t>(to_unix(now)));
  st.bind(":activity", static_cast<int64_t>(activity_id));
  if (!categories.empty()) st.bind(":categories", nlohmann::json(categories).dump());
  st.bind(":invalid", invalid);
  while (st.executeStep()) {
    int rank = std::clamp(st.getColumn(0).getInt(), 1, 3);
    out.subjects[rank] = st.getColumn(1).getInt64();
    out.holdings[rank] = st.getColumn(2).getInt64();
  }
  return out;
}

// The activity's consent purposes (`explicit_only`: those collecting the
// explicit consent of Art. 9(2)(a)), each with the cutoff before which a
// consent given has expired by now.
std::vector<std::pair<std::int64_t, std::optional<Instant>>> consent_purposes(
    const Register& reg, const Activity& a, const std::map<std::string, std::int64_t>& purpose_ids, Instant now,
    const Zone& zone, bool explicit_only) {
  std::vector<std::pair<std::int64_t, std::optional<Instant>>> out;
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    if (!p || !p->consent_required || (explicit_only && !p->explicit_consent)) continue;
    out.push_back({purpose_ids.at(id.str()),
                   p->validity ? std::optional<Instant>(latest_start(now, *p->validity, zone)) : std::nullopt});
  }
  return out;
}

void consent_backing(SQLite::Database& db, const Register& reg, const Activity& a, std::int64_t activity_id,
                     const std::map<std::string, std::int64_t>& purpose_ids, const std::string& invalid, Instant now,
                     const Zone& zone, ActivityFacts& facts) {
  ConsentRanks r =
      consent_ranks(db, activity_id, consent_purposes(reg, a, purpose_ids, now, zone, false), {}, invalid, now);
  facts.valid_subjects = r.subjects[3];
  facts.valid_holdings = r.holdings[3];
  facts.expired_subjects = r.subjects[2];
  facts.expired_holdings = r.holdings[2];
  facts.unconsented_subjects = r.subjects[1];
  facts.unconsented_holdings = r.holdings[1];
}

// Art. 9(2)(a): the special-category holdings of an activity on explicit
// consent, against the consents to its purposes that collect one. A consent
// past the controller's own validity still stands (CON-003 warns of it).
void explicit_backing(SQLite::Database& db, const Register& reg, const Activity& a, std::int64_t activity_id,
                      const std::map<std::string, std::int64_t>& purpose_ids,
                      const std::map<std::string, std::int64_t>& category_ids, const std::string& invalid,
                      Instant now, const Zone& zone, ActivityFacts& facts) {
  std::vector<std::int64_t> special;
  for (const CategoryId& id : a.data)
    if (const DataCategory* c = reg.category(id); c && c->special) special.push_back(category_ids.at(id.str()));
  auto purposes = consent_purposes(reg, a, purpose_ids, now, zone, true);
  if (special.empty() || purposes.empty()) return;
  ConsentRanks r = consent_ranks(db, activity_id, purposes, special, invalid, now);
  facts.unexplicit_subjects = r.subjects[1];
  facts.unexplicit_holdings = r.holdings[1];
}

RequestFacts request_facts(Store& store, Instant now, const Zone& zone) {
  RequestFacts f;
  // Due within 7 days: the due day is at most 7 days after today.
  Date soon = local_date(add(now, *Duration::parse("P7D"), zone), zone);
  std::vector<long long> days, complaint_days;
  RequestFilter all;
  all.closed_too = true;
  for_each_request(store, all, [&](const SubjectRequest& r) {
    Instant end = due_end(r.due, zone);
    if (!r.closed_at) {
      if (now >= end)
        f.late.push_back(r);
      else if (date::sys_days(r.due) <= date::sys_days(soon))
        f.due_soon.push_back(r);
      return;
    }
    ++f.answered;
    if (*r.closed_at < end) ++f.answered_on_time;
    long long d = (date::sys_days(local_date(*r.closed_at, zone)) - date::sys_days(local_date(r.received, zone))).count();
    days.push_back(d);
    if (r.type == RequestType::complaint) complaint_days.push_back(d);
  });
  f.median_days = lower_median(days);
  f.complaint_median_days = lower_median(complaint_days);
  return f;
}

}  // namespace

AuditFacts audit_facts(Store& store, const Register& reg, const std::vector<RuleDeadline>& rules, Instant now,
                       const Zone& zone, int consent_age) {
  SQLite::Database& db = store::db(store);
  // SQLite gives each sorter (GROUP BY, DISTINCT) as much memory as the
  // page cache, and one of these queries runs three at once: with the usual
  // 32 MiB cache the audit grew from 49 MiB at 100,000 subjects to 92 MiB at
  // 1,000,000. At 8 MiB, SQLite's share is at most 32 MiB whatever the
  // store's size, and the audit, which reads in order, is no slower.
  db.exec("PRAGMA cache_size = -8192");
  define_calendar(db, zone);
  AuditFacts facts;
  auto activity_ids = code_ids(db, "activity");
  auto category_ids = code_ids(db, "data_category");
  auto purpose_ids = code_ids(db, "purpose");

  // Given consents of subjects under the consent age, without co-signature:
  // SQL narrows to plausible cases (with a day's margin), C++ decides on the
  // controller's calendar. Such a consent is no consent: consent coverage
  // and CON-001 count it as missing.
  nlohmann::json invalid_seqs = nlohmann::json::array();
  SQLite::Statement minor_consents(
      db,
      "SELECT e.id, e.at, s.birth_date, e.seq FROM consent_event e JOIN subject s ON s.id = e.subject_id "
      "WHERE e.action = 'given' AND s.birth_date IS NOT NULL "
      "AND " + scope_field_sql("e", "parental") + " IS NULL "
      "AND s.birth_date >= date(e.at, 'unixepoch', '-' || ? || ' years', '-1 day') ORDER BY e.seq");
  minor_consents.bind(1, consent_age);
  while (minor_consents.executeStep()) {
    Parsed<Date> birth = parse_stored_date(minor_consents.getColumn(2).getString());
    if (!birth || age_at(*birth, from_unix(minor_consents.getColumn(1).getInt64()), zone) >= consent_age) continue;
    if (++facts.minor_consents <= 5) facts.minor_consent_events.push_back(minor_consents.getColumn(0).getString());
    invalid_seqs.push_back(minor_consents.getColumn(3).getInt64());
  }
  std::string invalid = invalid_seqs.dump();

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
    if (rests_only_on(a, LegalBasis::consent)) consent_backing(db, reg, a, id, purpose_ids, invalid, now, zone, f);
    if (a.special_condition == SpecialCondition::explicit_consent)
      explicit_backing(db, reg, a, id, purpose_ids, category_ids, invalid, now, zone, f);
    facts.activities.push_back(f);
  }

  // Per retention rule: what is past its deadline, and what a legal hold keeps.
  load_expiry_rules(db, rules, zone);
  for (const RuleDeadline& rule : rules) facts.rules.push_back(RuleFacts{rule, 0, 0, 0});
  // held_sql() once a row, in a subquery: its EXISTS would run three times.
  SQLite::Statement expired(db, "SELECT rule, sum(held = 0), count(DISTINCT CASE WHEN held = 0 THEN subject_id END), "
                                "sum(held) FROM (" +
                                    expired_scan_sql("r.rule AS rule, h.subject_id AS subject_id, " + held_sql() +
                                                     " AS held") +
                                    ") GROUP BY rule");
  expired.bind(":after", static_cast<int64_t>(0));
  expired.bind(":now", static_cast<int64_t>(to_unix(now)));
  while (expired.executeStep()) {
    RuleFacts& f = facts.rules.at(static_cast<std::size_t>(expired.getColumn(0).getInt64()));
    f.overdue = expired.getColumn(1).getInt64();
    f.overdue_subjects = expired.getColumn(2).getInt64();
    f.held = expired.getColumn(3).getInt64();
  }

  // Per activity and category whose every rule counts from an engagement
  // date: the holdings no rule can date (RET-003). Categories with a rule
  // from collection or consent always have, or will have, a deadline.
  std::set<std::pair<ActivityId, CategoryId>> dated, engagement_only;
  for (const RuleDeadline& rule : rules) {
    auto pair = std::make_pair(rule.activity, rule.category);
    bool engagement = rule.from == Trigger::end || rule.from == Trigger::last_contact;
    (engagement ? engagement_only : dated).insert(pair);
  }
  SQLite::Statement undated(
      db, "SELECT count(*), count(DISTINCT h.subject_id) FROM holding h "
          "LEFT JOIN engagement e ON e.subject_id = h.subject_id AND e.activity_id = h.activity_id "
          "WHERE h.activity_id = :activity AND h.category_id = :category AND h.anonymised_at IS NULL "
          "AND NOT EXISTS (SELECT 1 FROM temp.expiry_rule r WHERE r.activity_id = h.activity_id "
          "AND r.category_id = h.category_id AND " + datable_condition() + ")");
  for (const auto& [activity, category] : engagement_only) {
    if (dated.count({activity, category})) continue;
    undated.reset();
    undated.bind(":activity", static_cast<int64_t>(activity_ids.at(activity.str())));
    undated.bind(":category", static_cast<int64_t>(category_ids.at(category.str())));
    if (!undated.executeStep() || undated.getColumn(0).getInt64() == 0) continue;
    facts.undated.push_back({activity, category, undated.getColumn(0).getInt64(), undated.getColumn(1).getInt64()});
  }
  // In the register's order.
  auto place = [&](const UndatedFacts& u) {
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i].activity == u.activity && rules[i].category == u.category) return i;
    return rules.size();
  };
  std::sort(facts.undated.begin(), facts.undated.end(),
            [&](const UndatedFacts& a, const UndatedFacts& b) { return place(a) < place(b); });

  // Per purpose: proof of the consents given, and the people a CPF-eligible
  // purpose canvasses by a channel C. trav. L6323-8-1 bans. The law has one
  // exception, a solicitation within an action in progress and directly
  // linked to it: dpokit reads it as an engagement in progress in an activity
  // resting on a contract (a training action is sold under one) that itself
  // lists the purpose (docs/design.md 5). Consent is no exception, and every
  // worker holds a CPF account, so neither the ledger nor the subjects'
  // cpf_funded counts.
  SQLite::Statement proof(db,
                          "SELECT count(*), sum(notice_version IS NULL OR notice_sha256 IS NULL OR channel IS NULL "
                          "OR evidence IS NULL) FROM consent_event WHERE purpose_id = ? AND action = 'given'");
  SQLite::Statement canvassed(db, R"(
    SELECT count(DISTINCT h.subject_id) FROM holding h
    JOIN activity_purpose ap ON ap.activity_id = h.activity_id AND ap.purpose_id = :purpose
    WHERE h.anonymised_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM engagement e
        JOIN activity_purpose linked ON linked.activity_id = e.activity_id AND linked.purpose_id = :purpose
        JOIN activity_basis action ON action.activity_id = e.activity_id AND action.basis = 'contract'
        WHERE e.subject_id = h.subject_id AND e.started <= :now AND (e.ended IS NULL OR e.ended > :now)))");
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
    if (p.cpf_eligible && std::any_of(p.channels.begin(), p.channels.end(), cpf_banned)) {
      canvassed.bind(":purpose", static_cast<int64_t>(id));
      canvassed.bind(":now", static_cast<int64_t>(to_unix(now)));
      f.cpf_reached = count(canvassed);
    }
    facts.purposes.push_back(f);
  }

  facts.open_erasure_tasks = db.execAndGet("SELECT count(*) FROM erasure_task WHERE done_at IS NULL").getInt64();
  facts.archived_holdings =
      db.execAndGet("SELECT count(*) FROM holding WHERE archived_at IS NOT NULL AND anonymised_at IS NULL").getInt64();
  facts.requests = request_facts(store, now, zone);
  return facts;
}

bool record_audit(Store& store, const RecordedAudit& audit) {
  SQLite::Database& d = db(store);
  SQLite::Statement drop(d, "DELETE FROM audit_run WHERE as_of = ?");
  drop.bind(1, static_cast<std::int64_t>(to_unix(audit.as_of)));
  bool replaced = drop.exec() > 0;
  SQLite::Statement run(d, "INSERT INTO audit_run (as_of, errors, warnings) VALUES (?, ?, ?)");
  run.bind(1, static_cast<std::int64_t>(to_unix(audit.as_of)));
  run.bind(2, static_cast<std::int64_t>(audit.count(Severity::error)));
  run.bind(3, static_cast<std::int64_t>(audit.count(Severity::warning)));
  run.exec();
  std::int64_t id = d.getLastInsertRowid();
  auto bind_number = [](SQLite::Statement& st, int index, const std::optional<long long>& n) {
    if (n)
      st.bind(index, static_cast<std::int64_t>(*n));
    else
      st.bind(index);
  };
  SQLite::Statement kpi(d, "INSERT INTO audit_kpi (run_id, position, kpi, numerator, denominator) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < audit.kpis.size(); ++i) {
    const RecordedKpi& k = audit.kpis[i];
    kpi.bind(1, id);
    kpi.bind(2, static_cast<std::int64_t>(i));
    kpi.bind(3, k.id);
    bind_number(kpi, 4, k.numerator);
    bind_number(kpi, 5, k.denominator);
    kpi.exec();
    kpi.reset();
  }
  SQLite::Statement finding(d,
                            "INSERT INTO audit_finding (run_id, position, rule, severity, object_kind, object, count) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < audit.findings.size(); ++i) {
    const RecordedFinding& f = audit.findings[i];
    finding.bind(1, id);
    finding.bind(2, static_cast<std::int64_t>(i));
    finding.bind(3, f.rule);
    finding.bind(4, std::string(name_of(f.severity)));
    finding.bind(5, f.object_kind);
    finding.bind(6, f.object);
    bind_number(finding, 7, f.count);
    finding.exec();
    finding.reset();
  }
  return replaced;
}

std::vector<RecordedAudit> recorded_audits(Store& store) {
  SQLite::Database& d = db(store);
  std::vector<RecordedAudit> out;
  std::vector<std::int64_t> ids;
  SQLite::Statement runs(d, "SELECT id, as_of FROM audit_run ORDER BY as_of");
  while (runs.executeStep()) {
    ids.push_back(runs.getColumn(0).getInt64());
    out.push_back(RecordedAudit{from_unix(runs.getColumn(1).getInt64()), {}, {}});
  }
  auto number = [](const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<long long>(c.getInt64());
  };
  SQLite::Statement kpis(d, "SELECT kpi, numerator, denominator FROM audit_kpi WHERE run_id = ? ORDER BY position");
  SQLite::Statement findings(d,
                             "SELECT rule, severity, object_kind, object, count FROM audit_finding WHERE run_id = ? "
                             "ORDER BY position");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    kpis.bind(1, ids[i]);
    while (kpis.executeStep())
      out[i].kpis.push_back({kpis.getColumn(0).getString(), number(kpis.getColumn(1)), number(kpis.getColumn(2))});
    kpis.reset();
    findings.bind(1, ids[i]);
    while (findings.executeStep())
      out[i].findings.push_back({findings.getColumn(0).getString(),
                                 findings.getColumn(1).getString() == "warning" ? Severity::warning : Severity::error,
                                 findings.getColumn(2).getString(), findings.getColumn(3).getString(),
                                 number(findings.getColumn(4))});
    findings.reset();
  }
  return out;
}


}  // namespace dpo::store
