// The retention rule exists twice: in C++ (retention::holding_deadline, one
// holding at a time, for the subject-access answer) and in SQL (the scan of
// store/retention_sql.cc, every holding at once, for the purge and the
// audit). These tests hold the two equal on generated stores.

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <date/tz.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>

#include "manifest/register_file.h"
#include "retention/deadlines.h"
#include "store/audit_store.h"
#include "store/consent_store.h"
#include "store/register_store.h"
#include "store/retention_sql.h"
#include "store/store.h"
#include "store/subject_store.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

// Every trigger and action, calendar and elapsed keeps, consent purposes with
// and without validity, and a consent trigger with no consent purpose to follow.
const std::string kRegister = R"(version: 1
controller: { name: Test Org, contact: contact@test.example, country: FR, timezone: Europe/Paris }
data_categories:
  - { id: identity, label: Identity }
  - { id: contact, label: Contact }
  - { id: grades, label: Grades }
  - { id: health, label: Health, special: true }
  - { id: calls, label: Call recordings }
  - { id: photo, label: Photo }
purposes:
  - { id: training, label: Training }
  - { id: newsletter, label: Newsletter, consent: required, validity: P1Y }
  - { id: events, label: Events, consent: required, validity: P2M }
  - { id: gallery, label: Gallery, consent: required }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    special_condition: health-care
    data: [identity, grades, health]
    retention:
      - { data: [identity], keep: P1M, from: end, action: delete }
      - { data: [grades], keep: P1Y, from: collected, action: anonymise }
      - { data: [health], keep: P0D, from: end, action: delete }
  - id: prospects
    name: Prospects
    purposes: [training]
    legal_basis: legitimate-interests
    data: [contact, calls]
    retention:
      - { data: [contact], keep: P3M, from: last-contact, action: delete }
      - { data: [calls], keep: PT72H, from: collected, action: review }
  - id: mailing
    name: Mailing
    purposes: [newsletter, events]
    legal_basis: consent
    data: [contact, identity]
    retention:
      - { data: [contact], keep: P1M, from: consent-withdrawn, action: delete }
      - { data: [identity], keep: P10D, from: consent-expired, action: delete }
  - id: gallery
    name: Gallery
    purposes: [gallery, newsletter]
    legal_basis: consent
    data: [photo, identity]
    retention:
      - { data: [photo], keep: P0D, from: consent-withdrawn, action: delete }
      - { data: [identity], keep: P1Y2M10DT2H, from: consent-expired, action: anonymise }
  - id: wellbeing
    name: Wellbeing
    purposes: [training]
    legal_basis: contract
    special_condition: explicit-consent
    data: [health]
    retention:
      - { data: [health], keep: P2W, from: consent-withdrawn, action: delete }
  - id: alumni
    name: Alumni
    purposes: [training]
    legal_basis: legitimate-interests
    data: [contact]
    retention:
      - { data: [contact], keep: P2Y, from: collected, action: delete }
)";

// Several rules per category, of every action, with fallbacks: the SQL must
// pick for each holding the rule retention::governing() picks.
const std::string kSeveralRules = R"(version: 1
controller: { name: Test Org, contact: contact@test.example, country: FR, timezone: Europe/Paris }
data_categories:
  - { id: identity, label: Identity }
  - { id: contact, label: Contact }
  - { id: grades, label: Grades }
  - { id: records, label: Records a law keeps }
purposes:
  - { id: training, label: Training }
  - { id: newsletter, label: Newsletter, consent: required, validity: P1Y }
  - { id: events, label: Events, consent: required, validity: P2M }
  - { id: gallery, label: Gallery, consent: required }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    data: [identity, grades, records]
    retention:
      - { data: [identity], keep: P1M, from: end, else: collected, action: review }
      - { data: [identity], keep: P1Y, from: end, else: last-contact, action: delete }
      - { data: [identity, grades], keep: P2Y, from: collected, action: anonymise }
      - { data: [grades], keep: P6M, from: last-contact, else: end, action: review }
      - { data: [records], keep: P1Y, from: collected, action: delete }
      - { data: [records], keep: P3Y, from: end, else: collected, action: delete, obligation: true, basis: "a law" }
      - { data: [records], keep: P2Y, from: collected, action: anonymise, obligation: true, basis: "another law" }
      - { data: [records], keep: P6M, from: collected, action: archive }
      - { data: [grades], keep: P3M, from: end, else: collected, action: archive }
  - id: mailing
    name: Mailing
    purposes: [newsletter, events, gallery]
    legal_basis: consent
    data: [contact]
    retention:
      - { data: [contact], keep: P1M, from: consent-withdrawn, action: delete }
      - { data: [contact], keep: P0D, from: consent-expired, action: anonymise }
      - { data: [contact], keep: P3Y, from: last-contact, else: collected, action: delete }
)";

const char* const kConsentPurposes[] = {"newsletter", "events", "gallery", "training"};

/// Where trigger instants may fall: anywhere, or away from month ends and
/// repeated hours, where add() once went back in time (28 Jan 23:00 + P1M was
/// 28 Feb 23:00, 29 Jan 00:00 + P1M was 28 Feb 00:00) and one cutoff per rule,
/// which is all the SQL has, could not draw the line holding_deadline draws.
enum class Triggers { away_from_month_ends_and_repeated_hours, anywhere };

using Rng = std::mt19937_64;

// Uniform in [0, n): the same sequence on every platform, unlike the standard distributions.
std::int64_t pick(Rng& rng, std::int64_t n) { return static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(n)); }

struct Calendar {
  Zone zone = *Zone::find("Europe/Paris");
  static constexpr int kSpecialPerYear = 14;
  std::vector<Date> special;  ///< month ends (leap days among them) and clock changes, 2023 to 2028

  Calendar() {
    using namespace date;
    for (int y = 2023; y <= 2028; ++y) {
      for (unsigned m = 1; m <= 12; ++m) special.push_back(Date{year{y} / month{m} / last});
      special.push_back(Date{year{y} / March / Sunday[last]});
      special.push_back(Date{year{y} / October / Sunday[last]});
    }
  }

  Instant start(Date d) const { return start_of_day(d, zone); }
  Instant end(Date d) const { return start(Date{date::sys_days(d) + date::days{1}}) - std::chrono::seconds(1); }

  bool repeated(Instant t) const {
    date::local_seconds local = date::make_zoned(zone.tz(), t).get_local_time();
    return zone.tz()->get_info(local).result == date::local_info::ambiguous;
  }

  // A day from 2023 to 2027, near a special one half the time.
  Date day(Rng& rng) const {
    if (pick(rng, 2) == 0) {
      Date d = special[static_cast<std::size_t>(pick(rng, 5 * kSpecialPerYear))];
      return Date{date::sys_days(d) + date::days{pick(rng, 5) - 2}};
    }
    return Date{date::sys_days(Date{date::year{2023} / 1 / 1}) + date::days{pick(rng, 5 * 365)}};
  }

  // An instant of that day: midnight, its last second, the small hours a
  // clock change moves (either pass of a repeated hour), or any second.
  Instant instant(Rng& rng) const {
    Date d = day(rng);
    Instant from = start(d);
    switch (pick(rng, 5)) {
      case 0: return from;
      case 1: return end(d);
      case 2: return from + std::chrono::seconds(2 * 3600 + pick(rng, 2 * 3600));
      default: return from + std::chrono::seconds(pick(rng, (end(d) - from).count() + 1));
    }
  }

  Instant trigger(Rng& rng, Triggers where) const {
    for (;;) {
      Instant t = instant(rng);
      if (where == Triggers::anywhere) return t;
      Date d = local_date(t, zone);
      bool month_end = d.day() > date::day{28} || (d.day() == date::day{28} && t != start(d));
      if (!month_end && !repeated(t)) return t;
    }
  }
};

struct Generated {
  std::vector<Subject> subjects;
  std::vector<ConsentEvent> events;  ///< in ledger order, not time order
};

// A few hundred subjects, each in some activities with engagements that
// ended or not, last contacts or not, holdings of every category, consent
// events given, refused and withdrawn, some at the same second, some with a
// scope duration; one in ten under legal hold.
Generated generate(const Register& reg, const Calendar& cal, Triggers where, int subjects, std::uint64_t seed) {
  Rng rng(seed);
  Generated g;
  int value = 0;
  for (int i = 0; i < subjects; ++i) {
    Subject s;
    s.key = SubjectKey("S-" + std::to_string(1000 + i));
    if (pick(rng, 10) == 0) s.legal_hold = true;
    for (const Activity& a : reg.activities) {
      if (pick(rng, 2) == 0) continue;
      Engagement e{a.id, cal.trigger(rng, where), {}, {}};
      if (pick(rng, 3) != 0) e.ended = cal.trigger(rng, where);
      if (pick(rng, 3) != 0) e.last_contact = cal.trigger(rng, where);
      s.engagements.push_back(e);
      for (const CategoryId& c : a.data)
        for (std::int64_t n = pick(rng, 3); n > 0; --n)
          s.holdings.push_back({a.id, c, "crm", cal.trigger(rng, where), "h" + std::to_string(++value), ""});
    }
    for (std::int64_t n = s.engagements.empty() ? 0 : pick(rng, 5); n > 0; --n) {
      ConsentEvent e;
      e.subject = s.key;
      e.purpose = PurposeId(kConsentPurposes[pick(rng, 10) == 0 ? 3 : pick(rng, 3)]);
      e.action = static_cast<ConsentAction>(pick(rng, 3));
      bool same_second = !g.events.empty() && g.events.back().subject == s.key && pick(rng, 4) == 0;
      e.at = same_second ? g.events.back().at : cal.trigger(rng, where);
      e.notice_sha256 = std::string(64, 'b');
      if (pick(rng, 3) == 0) e.scope.duration = *Duration::parse(pick(rng, 2) ? "P6M" : "P1Y");
      g.events.push_back(e);
    }
    g.subjects.push_back(std::move(s));
  }
  return g;
}

// What the subject-access answer reads of one subject.
struct SubjectRead {
  SubjectKey key;
  bool legal_hold = false;
  std::vector<Engagement> engagements;
  std::vector<Holding> holdings;
  std::vector<ConsentEvent> events;  ///< in time order, as the answer sorts them

  [[nodiscard]] const Engagement* engagement(const ActivityId& activity) const {
    for (const Engagement& e : engagements)
      if (e.activity == activity) return &e;
    return nullptr;
  }
};

// The index in `rules` of the holding's rule, or rules.size() for none.
std::size_t rule_of(const std::vector<RuleDeadline>& rules, const Holding& h) {
  std::size_t i = 0;
  while (i < rules.size() && (rules[i].activity != h.activity || rules[i].category != h.category)) ++i;
  return i;
}

/// A store generated from a seed, with the two sides of the rule over it.
struct Agreement {
  test::TempDir dir;
  Calendar cal;
  Register reg;
  store::Store s = store::Store::create(dir / "dpo.sqlite", from_unix(1672531200));
  std::vector<SubjectRead> read;

  explicit Agreement(const Generated& g, const std::string& text = kRegister)
      : reg(manifest::parse_register(text, "register.yaml")) {
    {
      store::Transaction tx(s);
      (void)store::save_register(s, reg, "register.yaml");
      store::SubjectWriter subjects(s, reg);
      for (const Subject& sub : g.subjects) REQUIRE(subjects.write(sub).empty());
      store::ConsentWriter ledger(s);
      for (const ConsentEvent& e : g.events) (void)ledger.append(e, ledger.subject(e.subject)->id);
      tx.commit();
    }
    // A quarter of the holdings archived already: an archive rule no longer
    // applies to them, its final deletion does.
    store::db(s).exec("UPDATE holding SET archived_at = 1700000000 WHERE id % 4 = 0");
    // Read back as `dpo sar export` does (cmd/sar_cmd.cc, cmd/consent_cmd.cc).
    for (const Subject& sub : g.subjects) {
      std::optional<store::SubjectView> v = store::find_subject(s, sub.key);
      REQUIRE(v);
      SubjectRead r{sub.key, v->legal_hold, v->engagements, v->holdings, {}};
      std::vector<std::pair<std::int64_t, ConsentEvent>> events;
      store::ConsentFilter filter;
      filter.subject = sub.key;
      store::for_each_consent_by_subject(s, filter,
                                         [&](const store::StoredConsent& c) { events.push_back({c.seq, c.event}); });
      std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.at, a.first) < std::tie(b.second.at, b.first);
      });
      for (auto& [seq, e] : events) r.events.push_back(e);
      read.push_back(std::move(r));
    }
  }

  std::optional<Instant> deadline(const SubjectRead& r, const Holding& h, const RuleDeadline& rule,
                                  Instant now) const {
    return retention::holding_deadline(reg, rule, h, r.engagement(h.activity), r.events, now, cal.zone);
  }

  // C++: the holdings whose holding_deadline() is at or before now, each
  // with the index of its rule in `rules`.
  std::map<std::string, std::size_t> by_holding_deadline(const std::vector<RuleDeadline>& rules, Instant now,
                                                         const SubjectRead* only = nullptr) const {
    std::map<std::string, std::size_t> out;
    for (const SubjectRead& r : read) {
      if (only && &r != only) continue;
      for (const Holding& h : r.holdings) {
        // Of several rules, the one retention::governing() says applies.
        retention::Governing g =
            retention::governing(reg, rules, h, r.engagement(h.activity), r.events, now, cal.zone);
        if (const RuleDeadline* acts = g.acts(now)) out[h.value] = static_cast<std::size_t>(acts - rules.data());
      }
    }
    return out;
  }

  // SQL: the holdings the purge's and the audit's scan finds expired.
  std::map<std::string, std::size_t> by_expired_scan(const std::vector<RuleDeadline>& rules, Instant now) const {
    SQLite::Database db((dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
    store::load_expiry_rules(db, rules, cal.zone);
    SQLite::Statement st(db, store::expired_scan_sql("h.value, r.rule"));
    st.bind(":after", static_cast<std::int64_t>(0));
    st.bind(":now", static_cast<std::int64_t>(to_unix(now)));
    std::map<std::string, std::size_t> out;
    while (st.executeStep())
      out[st.getColumn(0).getString()] = static_cast<std::size_t>(st.getColumn(1).getInt64());
    return out;
  }

  // The holdings one side finds expired and the other not, each described.
  std::vector<std::string> disagreements(Instant now) const {
    std::vector<RuleDeadline> rules = retention::deadlines(reg, now, cal.zone);
    std::map<std::string, std::size_t> cpp = by_holding_deadline(rules, now);
    std::map<std::string, std::size_t> sql = by_expired_scan(rules, now);
    std::vector<std::string> out;
    for (const SubjectRead& r : read)
      for (const Holding& h : r.holdings) {
        bool in_cpp = cpp.count(h.value) > 0, in_sql = sql.count(h.value) > 0;
        if (in_cpp == in_sql && (!in_cpp || cpp.at(h.value) == sql.at(h.value))) continue;
        out.push_back(describe(r, h, rules, now) + (in_sql ? "; the SQL finds it expired" : "; the SQL keeps it"));
      }
    return out;
  }

  // "S-1042 h17 delivery/identity, P1M from end 2027-01-31T00:00:00+01:00:
  // deadline ..., cutoff ... at ...".
  std::string describe(const SubjectRead& r, const Holding& h, const std::vector<RuleDeadline>& rules,
                       Instant now) const {
    auto local = [&](const std::optional<Instant>& t) { return t ? format_local(*t, cal.zone) : "none"; };
    std::string out = r.key.str() + " " + h.value + " " + h.activity.str() + "/" + h.category.str();
    std::size_t i = rule_of(rules, h);
    if (i == rules.size()) return out + ", no rule";
    const RuleDeadline& rule = rules[i];
    const Engagement* e = r.engagement(h.activity);
    out += ", " + rule.keep.str() + " from " + std::string(name_of(triggers(), rule.from)) + " ";
    switch (rule.from) {
      case Trigger::collected: out += local(h.collected); break;
      case Trigger::end: out += local(e ? e->ended : std::nullopt); break;
      case Trigger::last_contact: out += local(e ? e->last_contact : std::nullopt); break;
      case Trigger::consent_withdrawn:
      case Trigger::consent_expired:
        for (const ConsentEvent& c : r.events)
          out += "[" + c.purpose.str() + " " + std::string(name_of(consent_actions(), c.action)) + " " +
                 local(c.at) + "]";
    }
    return out + ": deadline " + local(deadline(r, h, rule, now)) + ", cutoff " + local(rule.cutoff) + " at " +
           local(now);
  }

  Instant at(const char* text) const { return *parse_instant(text, cal.zone); }

  // The instants to compare at: month ends, leap days and clock changes at
  // the seconds that matter, a second before and at sampled holdings'
  // deadlines under every rule, and random ones.
  std::vector<Instant> instants(std::uint64_t seed) const {
    using namespace std::chrono;
    Rng rng(seed);
    std::vector<Instant> out;
    for (const Date& d : cal.special) {
      if (d.year() < date::year{2025}) continue;
      for (Instant t : {cal.start(d), cal.start(d) + hours(2) + minutes(15), cal.start(d) + hours(3) + minutes(15),
                        cal.start(d) + hours(12), cal.end(d)})
        out.push_back(t);
    }
    Instant far = *parse_instant("2031-01-01", cal.zone);
    std::vector<RuleDeadline> rules = retention::deadlines(reg, far, cal.zone);
    std::vector<std::vector<Instant>> due(rules.size());
    for (const SubjectRead& r : read)
      for (const Holding& h : r.holdings)
        for (std::size_t i = 0; i < rules.size(); ++i)
          if (rules[i].activity == h.activity && rules[i].category == h.category)
            if (std::optional<Instant> at = deadline(r, h, rules[i], far)) due[i].push_back(*at);
    for (std::vector<Instant>& d : due)
      for (int n = 0; n < 8 && !d.empty(); ++n) {
        Instant at = d[static_cast<std::size_t>(pick(rng, static_cast<std::int64_t>(d.size())))];
        out.push_back(at - seconds(1));
        out.push_back(at);
      }
    for (int n = 0; n < 30; ++n) out.push_back(cal.instant(rng) + years(1));
    return out;
  }
};

// Learners whose courses ended at `ended`, each with identity data kept P1M
// from the end: h1, h2...
Generated learners(std::initializer_list<const char*> ended) {
  Zone paris = *Zone::find("Europe/Paris");
  Generated g;
  for (const char* at : ended) {
    std::string n = std::to_string(g.subjects.size() + 1);
    Subject s;
    s.key = SubjectKey("S-" + n);
    s.engagements.push_back({ActivityId("delivery"), {}, *parse_instant(at, paris), {}});
    s.holdings.push_back({ActivityId("delivery"), CategoryId("identity"), "crm", *parse_instant("2026-09-01", paris),
                          "h" + n, ""});
    g.subjects.push_back(s);
  }
  return g;
}

}  // namespace

TEST_CASE("the purge's SQL and the subject-access C++ find the same holdings expired at every instant",
          "[retention-agreement]") {
  Calendar cal;
  Register reg = manifest::parse_register(kRegister, "register.yaml");
  Agreement a(generate(reg, cal, Triggers::away_from_month_ends_and_repeated_hours, 300, 26));
  std::size_t holdings = 0;
  for (const SubjectRead& r : a.read) holdings += r.holdings.size();
  REQUIRE(holdings > 1000);
  std::map<Trigger, int> fired;  // how often each trigger kind expired something
  for (Instant now : a.instants(2026)) {
    INFO("at " << format_local(now, cal.zone) << " (" << format_utc(now) << ")");
    CHECK(a.disagreements(now) == std::vector<std::string>{});
    std::vector<RuleDeadline> rules = retention::deadlines(reg, now, cal.zone);
    for (const auto& [value, rule] : a.by_holding_deadline(rules, now)) ++fired[rules[rule].from];
  }
  for (Trigger t : {Trigger::collected, Trigger::end, Trigger::last_contact, Trigger::consent_withdrawn,
                    Trigger::consent_expired}) {
    INFO(name_of(triggers(), t));
    CHECK(fired[t] > 100);
  }
}

TEST_CASE("with several rules per category and fallbacks, the SQL applies the rule governing() picks",
          "[retention-agreement]") {
  Calendar cal;
  Register reg = manifest::parse_register(kSeveralRules, "register.yaml");
  Agreement a(generate(reg, cal, Triggers::away_from_month_ends_and_repeated_hours, 300, 20), kSeveralRules);
  std::map<std::string, int> applied;  // how often each rule was the one applied
  for (Instant now : a.instants(2020)) {
    INFO("at " << format_local(now, cal.zone) << " (" << format_utc(now) << ")");
    CHECK(a.disagreements(now) == std::vector<std::string>{});
    std::vector<RuleDeadline> rules = retention::deadlines(reg, now, cal.zone);
    for (const auto& [value, rule] : a.by_holding_deadline(rules, now)) ++applied[rules[rule].id() + " " +
                                                                                 rules[rule].category.str()];
  }
  // Every rule of every category applied to some holdings at some instant.
  for (const char* rule : {"delivery/1 identity", "delivery/2 identity", "delivery/3 identity", "delivery/3 grades",
                           "delivery/4 grades", "delivery/5 records", "delivery/8 records", "delivery/9 grades",
                           "mailing/1 contact", "mailing/2 contact", "mailing/3 contact"}) {
    INFO(rule);
    CHECK(applied[rule] > 20);
  }
}

TEST_CASE("the audit's undated holdings are those no rule of their category can date",
          "[retention-agreement]") {
  Calendar cal;
  // The rules as written, and with a fallback on the engagement rules: then none is undated.
  std::string with_fallback = kRegister;
  for (const char* from : {"from: end,", "from: last-contact,"})
    for (std::size_t at = 0; (at = with_fallback.find(from, at)) != std::string::npos; at += 1)
      with_fallback.insert(at + std::string(from).size(), " else: collected,");
  for (const std::string& text : {kRegister, with_fallback}) {
    Register reg = manifest::parse_register(text, "register.yaml");
    Agreement a(generate(reg, cal, Triggers::anywhere, 200, 31), text);
    Instant now = a.at("2026-06-15");
    std::vector<RuleDeadline> rules = retention::deadlines(reg, now, cal.zone);
    // C++: holdings whose every rule is an engagement date's and gives no deadline.
    std::map<std::string, std::pair<long long, std::set<std::string>>> expected;
    for (const SubjectRead& r : a.read)
      for (const Holding& h : r.holdings) {
        bool covered = false, datable = false;
        for (const RuleDeadline& rule : rules) {
          if (rule.activity != h.activity || rule.category != h.category) continue;
          covered = true;
          bool engagement = rule.from == Trigger::end || rule.from == Trigger::last_contact;
          datable = datable || !engagement || a.deadline(r, h, rule, now).has_value();
        }
        if (!covered || datable) continue;
        auto& [count, subjects] = expected[h.activity.str() + "/" + h.category.str()];
        ++count;
        subjects.insert(r.key.str());
      }
    AuditFacts facts = store::audit_facts(a.s, reg, rules, now, cal.zone, 15);
    std::map<std::string, std::pair<long long, std::set<std::string>>> found;
    for (const UndatedFacts& u : facts.undated) {
      auto& [count, subjects] = found[u.activity.str() + "/" + u.category.str()];
      count = u.holdings;
      CHECK(u.subjects == static_cast<long long>(expected[u.activity.str() + "/" + u.category.str()].second.size()));
    }
    std::map<std::string, long long> want, got;
    for (const auto& [k, v] : expected) want[k] = v.first;
    for (const auto& [k, v] : found) got[k] = v.first;
    CHECK(got == want);
    if (text == kRegister) {
      CHECK(want.count("delivery/identity") == 1);
      CHECK(want.count("prospects/contact") == 1);
    } else {
      CHECK(want.empty());
    }
  }
}

TEST_CASE("the audit counts per rule what holding_deadline finds expired, legal holds apart",
          "[retention-agreement]") {
  Calendar cal;
  Register reg = manifest::parse_register(kRegister, "register.yaml");
  Agreement a(generate(reg, cal, Triggers::away_from_month_ends_and_repeated_hours, 200, 27));
  std::vector<Instant> instants = a.instants(2027);
  for (std::size_t n = 0; n < instants.size(); n += 5) {
    Instant now = instants[n];
    INFO("at " << format_local(now, cal.zone));
    std::vector<RuleDeadline> rules = retention::deadlines(reg, now, cal.zone);
    std::vector<long long> overdue(rules.size()), held(rules.size());
    std::vector<std::set<std::string>> subjects(rules.size());
    for (const SubjectRead& r : a.read)
      for (const auto& [value, rule] : a.by_holding_deadline(rules, now, &r)) {
        ++(r.legal_hold ? held : overdue)[rule];
        if (!r.legal_hold) subjects[rule].insert(r.key.str());
      }
    AuditFacts facts = store::audit_facts(a.s, reg, rules, now, cal.zone, 15);
    REQUIRE(facts.rules.size() == rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
      INFO(rules[i].activity.str() << "/" << rules[i].category.str());
      CHECK(facts.rules[i].overdue == overdue[i]);
      CHECK(facts.rules[i].overdue_subjects == static_cast<long long>(subjects[i].size()));
      CHECK(facts.rules[i].held == held[i]);
    }
  }
}

// They disagreed where add() was not monotone (see Triggers): one cutoff per
// rule cannot hold a set of triggers that is not an interval. These cases
// failed before add() ended a clamped month at midnight after its last day
// and counted a second-pass start from the end of the repeated hour.
TEST_CASE("the purge's SQL and the subject-access C++ agree at month ends and in repeated hours too",
          "[retention-agreement]") {
  Calendar cal;
  Register reg = manifest::parse_register(kRegister, "register.yaml");
  Agreement a(generate(reg, cal, Triggers::anywhere, 300, 26));
  for (Instant now : a.instants(2026)) {
    INFO("at " << format_local(now, cal.zone) << " (" << format_utc(now) << ")");
    CHECK(a.disagreements(now) == std::vector<std::string>{});
  }
}

// The smallest such case, with dates only: a month after 31 January was 28
// February 00:00 for holding_deadline, but the purge's cutoff then was 28
// January (latest_start's search landed on one of the four January days that
// ended on 28 February), so the purge kept it a day longer. Now the month
// ends as 28 February ends, for both.
TEST_CASE("a relationship ended on 31 January is past a one-month rule when 28 February ends, for both",
          "[retention-agreement]") {
  Agreement a(learners({"2027-01-31"}));
  for (const char* text : {"2027-02-28", "2027-02-28T23:59:59+01:00"}) {
    Instant now = a.at(text);
    std::vector<RuleDeadline> rules = retention::deadlines(a.reg, now, a.cal.zone);
    CHECK(a.by_holding_deadline(rules, now).count("h1") == 0);
    CHECK(a.by_expired_scan(rules, now).count("h1") == 0);
  }
  Instant now = a.at("2027-03-01");
  std::vector<RuleDeadline> rules = retention::deadlines(a.reg, now, a.cal.zone);
  CHECK(a.by_holding_deadline(rules, now).count("h1") == 1);
  CHECK(a.by_expired_scan(rules, now).count("h1") == 1);
}

// The other way: at noon on 28 February the cutoff is 30 January at noon, so
// the purge takes, 11 hours before its deadline, what ended on 28 January at 23:00.
TEST_CASE("the purge takes nothing before its deadline: 28 January 23:00 plus one month",
          "[retention-agreement]") {
  Agreement a(learners({"2027-01-28T23:00:00+01:00"}));
  Instant now = a.at("2027-02-28T12:00:00+01:00");
  std::vector<RuleDeadline> rules = retention::deadlines(a.reg, now, a.cal.zone);
  CHECK(a.by_holding_deadline(rules, now).count("h1") == 0);
  CHECK(a.by_expired_scan(rules, now).count("h1") == 0);
}

// 02:30 summer time comes before 02:10 winter time on 25 October 2026, but a
// month later 02:30 came after 02:10: at 02:15 one cutoff could not take the
// second and keep the first. Now the second pass counts from 03:00, so the
// two expire in the order they ended.
TEST_CASE("relationships ended in the repeated autumn hour expire in the order they ended, for both",
          "[retention-agreement]") {
  Agreement a(learners({"2026-10-25T02:30:00+02:00", "2026-10-25T02:10:00+01:00"}));
  for (const auto& [text, expired] : std::vector<std::pair<const char*, std::set<std::string>>>{
           {"2026-11-25T02:15:00+01:00", {}},
           {"2026-11-25T02:30:00+01:00", {"h1"}},
           {"2026-11-25T02:59:59+01:00", {"h1"}},
           {"2026-11-25T03:00:00+01:00", {"h1", "h2"}}}) {
    Instant now = a.at(text);
    INFO("at " << text);
    std::vector<RuleDeadline> rules = retention::deadlines(a.reg, now, a.cal.zone);
    std::set<std::string> found;
    for (const auto& [holding, rule] : a.by_holding_deadline(rules, now)) found.insert(holding);
    CHECK(found == expired);
    CHECK(a.disagreements(now) == std::vector<std::string>{});
  }
}
