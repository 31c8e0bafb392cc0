// Several rules per data category, fallbacks, legal obligations per rule,
// and what an erasure request keeps: exact instants on the controller's
// calendar (Paris).

#include <catch2/catch.hpp>

#include "manifest/register_file.h"
#include "retention/deadlines.h"
#include "retention/erasure.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const std::string kRegister = R"(version: 1
controller: { name: Test Org, contact: contact@test.example, country: FR, timezone: Europe/Paris }
data_categories:
  - { id: identity, label: Identity }
  - { id: contact, label: Contact }
  - { id: attendance, label: Attendance sheets }
  - { id: funding, label: Funding file }
  - { id: notes, label: Notes }
  - { id: testimonial, label: Testimonial }
purposes:
  - { id: training, label: Training }
  - { id: funding-claims, label: Funding claims }
  - { id: prospecting, label: Prospecting }
  - { id: testimonials, label: Testimonials, consent: required, validity: P2Y }
activities:
  - id: training
    name: Training
    purposes: [training]
    legal_basis: contract
    data: [identity, attendance]
    retention:
      - { data: [identity], keep: P1Y, from: end, action: review }
      - { data: [identity], keep: P5Y, from: end, action: delete }
      - { data: [attendance], keep: P10Y, from: end, action: delete, obligation: true,
          basis: "C. com. L123-22; C. trav. L6362-5" }
  - id: funding
    name: Funding
    purposes: [funding-claims]
    legal_basis: legal-obligation
    data: [funding, notes]
    retention:
      - { data: [funding], keep: P10Y, from: end, action: delete, basis: "C. com. L123-22" }
      - { data: [notes], keep: P1Y, from: collected, action: delete, obligation: false }
      - { data: [funding], keep: P5Y, from: collected, action: delete, obligation: true, basis: "a shorter law" }
  - id: prospects
    name: Prospects
    purposes: [prospecting]
    legal_basis: legitimate-interests
    data: [contact]
    retention:
      - { data: [contact], keep: P3Y, from: last-contact, else: collected, action: delete,
          basis: "CNIL: three years from collection or the prospect's last contact" }
      - { data: [contact], keep: P5Y, from: last-contact, action: delete }
  - id: testimonials
    name: Testimonials
    purposes: [testimonials]
    legal_basis: consent
    data: [testimonial]
    retention:
      - { data: [testimonial], keep: P0D, from: consent-withdrawn, action: delete }
      - { data: [testimonial], keep: P0D, from: consent-expired, action: delete }
)";

struct Fixture {
  Register reg = manifest::parse_register(kRegister, "register.yaml");
  Zone paris = *Zone::find("Europe/Paris");

  Instant at(const char* text) const {
    Parsed<Instant> t = parse_instant(text, paris);
    REQUIRE(t);
    return *t;
  }
  std::string local(const std::optional<Instant>& t) const { return t ? format_local(*t, paris) : "never"; }

  static Holding holding(const char* activity, const char* category, Instant collected, std::int64_t id = 0) {
    return Holding{ActivityId(activity), CategoryId(category), "crm", collected, "value", "", id};
  }

  // The rule that governs a holding at `now`, as "ACTIVITY/N ACTION DEADLINE".
  std::string governing(const Holding& h, Instant now, const Engagement* e = nullptr,
                        const std::vector<ConsentEvent>& events = {}) const {
    std::vector<RuleDeadline> rules = retention::deadlines(reg, now, paris);
    retention::Governing g = retention::governing(reg, rules, h, e, events, now, paris);
    if (!g.rule) return "none";
    return g.rule->id() + " " + std::string(name_of(retention_actions(), g.rule->action)) + " " + local(g.deadline);
  }

  ConsentEvent event(ConsentAction action, const char* when) const {
    ConsentEvent e;
    e.subject = SubjectKey("S-1");
    e.purpose = PurposeId("testimonials");
    e.action = action;
    e.at = at(when);
    return e;
  }
};

std::string describe(const KeptHolding& k, const Zone& zone) {
  std::string out = k.activity.str() + "/" + k.category.str() + " " + std::string(name_of(k.reason));
  if (k.rule_no) out += " rule " + std::to_string(k.rule_no);
  if (k.until) out += " until " + format_local(*k.until, zone);
  if (!k.trigger_pending.empty()) out += " after " + k.trigger_pending;
  return out;
}

}  // namespace

TEST_CASE("a category may have several rules, each kept with its fallback and obligation",
          "[several-rules]") {
  Fixture f;
  const Activity& training = *f.reg.activity(ActivityId("training"));
  REQUIRE(training.retention.size() == 3);
  CHECK(training.retention[0].action == RetentionAction::review);
  CHECK(training.retention[1].action == RetentionAction::erase);
  CHECK(is_legal_obligation(training, training.retention[2]));   // said on the rule
  CHECK(!is_legal_obligation(training, training.retention[1]));  // a contract's rule
  const Activity& funding = *f.reg.activity(ActivityId("funding"));
  CHECK(is_legal_obligation(funding, funding.retention[0]));   // the activity's basis
  CHECK(!is_legal_obligation(funding, funding.retention[1]));  // obligation: false overrides it
  const Activity& prospects = *f.reg.activity(ActivityId("prospects"));
  CHECK(prospects.retention[0].fallback == Trigger::collected);
  // The same trigger and action, with and without a fallback: two rules, not one too many.
  CHECK(prospects.retention.size() == 2);
}

TEST_CASE("a fallback counts from collection when the contact never came", "[several-rules]") {
  Fixture f;
  Instant now = f.at("2026-12-03");
  Holding h = Fixture::holding("prospects", "contact", f.at("2023-05-02T09:30:00+02:00"));
  // Last contact from the prospect: three years from it.
  Engagement contacted{ActivityId("prospects"), f.at("2023-05-02"), std::nullopt, f.at("2024-03-10T14:00:00+01:00")};
  CHECK(f.governing(h, now, &contacted) == "prospects/1 delete 2027-03-10T14:00:00+01:00");
  // No contact recorded, or no engagement at all: three years from collection.
  Engagement silent{ActivityId("prospects"), f.at("2023-05-02"), std::nullopt, std::nullopt};
  CHECK(f.governing(h, now, &silent) == "prospects/1 delete 2026-05-02T09:30:00+02:00");
  CHECK(f.governing(h, now) == "prospects/1 delete 2026-05-02T09:30:00+02:00");
}

TEST_CASE("of several rules the earliest deadline applies: withdrawal or expiry, whichever comes first",
          "[several-rules]") {
  Fixture f;
  Holding h = Fixture::holding("testimonials", "testimonial", f.at("2025-01-10T10:00:00+01:00"));
  std::vector<ConsentEvent> given{f.event(ConsentAction::given, "2025-01-10T10:00:00+01:00")};
  // Still given: the consent's expiry is the next deadline.
  CHECK(f.governing(h, f.at("2026-03-01"), nullptr, given) == "testimonials/2 delete 2027-01-10T10:00:00+01:00");
  CHECK(f.governing(h, f.at("2027-01-10T10:00:00+01:00"), nullptr, given) ==
        "testimonials/2 delete 2027-01-10T10:00:00+01:00");
  // Withdrawn before it expires: the withdrawal applies at once.
  std::vector<ConsentEvent> withdrawn = given;
  withdrawn.push_back(f.event(ConsentAction::withdrawn, "2026-03-04T08:15:00+01:00"));
  CHECK(f.governing(h, f.at("2026-03-04T08:15:00+01:00"), nullptr, withdrawn) ==
        "testimonials/1 delete 2026-03-04T08:15:00+01:00");
}

TEST_CASE("when several rules have passed, the most final action applies", "[several-rules]") {
  Fixture f;
  Holding h = Fixture::holding("training", "identity", f.at("2025-09-01"));
  Engagement ended{ActivityId("training"), f.at("2025-09-01"), f.at("2026-01-31T18:00:00+01:00"), std::nullopt};
  // Before a year: the review comes first.
  CHECK(f.governing(h, f.at("2026-12-03"), &ended) == "training/1 review 2027-01-31T18:00:00+01:00");
  // A year on: the review is due, the deletion still to come.
  CHECK(f.governing(h, f.at("2027-02-01"), &ended) == "training/1 review 2027-01-31T18:00:00+01:00");
  // Five years on: both have passed; the deletion applies.
  CHECK(f.governing(h, f.at("2031-01-31T18:00:00+01:00"), &ended) == "training/2 delete 2031-01-31T18:00:00+01:00");
  // A course still running: no trigger yet, the first rule is named, no date.
  Engagement running{ActivityId("training"), f.at("2025-09-01"), std::nullopt, std::nullopt};
  CHECK(f.governing(h, f.at("2031-06-01"), &running) == "training/1 review never");
}

namespace {

struct Person {
  SubjectView view;
  std::vector<ConsentEvent> events;
};

// A learner with a training, its funding file, a prospect's contact and a testimonial.
Person learner(const Fixture& f, std::optional<Instant> course_end) {
  Person p;
  p.view.key = SubjectKey("S-1");
  p.view.engagements = {
      {ActivityId("training"), f.at("2025-09-01"), course_end, std::nullopt},
      {ActivityId("funding"), f.at("2025-08-01"), course_end, std::nullopt},
      {ActivityId("prospects"), f.at("2025-03-01"), std::nullopt, f.at("2025-06-01")},
      {ActivityId("testimonials"), f.at("2026-02-10"), std::nullopt, std::nullopt},
  };
  p.view.holdings = {
      Fixture::holding("training", "identity", f.at("2025-09-01"), 1),
      Fixture::holding("training", "attendance", f.at("2025-09-15"), 2),
      Fixture::holding("funding", "funding", f.at("2025-08-01"), 3),
      Fixture::holding("funding", "notes", f.at("2025-08-01"), 4),
      Fixture::holding("prospects", "contact", f.at("2025-03-01"), 5),
      Fixture::holding("testimonials", "testimonial", f.at("2026-02-10"), 6),
  };
  p.events = {f.event(ConsentAction::given, "2026-02-10T11:00:00+01:00")};
  return p;
}

std::vector<std::string> kept(const ErasurePlan& plan, const Zone& zone) {
  std::vector<std::string> out;
  for (const KeptHolding& k : plan.kept) out.push_back(describe(k, zone));
  return out;
}

std::vector<std::string> codes(const std::vector<ActivityId>& ids) {
  std::vector<std::string> out;
  for (const ActivityId& id : ids) out.push_back(id.str());
  return out;
}

}  // namespace

TEST_CASE("an erasure request keeps the attendance sheets a law requires, with their basis and date",
          "[erasure]") {
  Fixture f;
  Instant now = f.at("2026-12-03");
  Person p = learner(f, f.at("2026-01-31T18:00:00+01:00"));
  std::vector<RuleDeadline> rules = retention::deadlines(f.reg, now, f.paris);
  ErasurePlan plan = retention::plan_erasure(f.reg, rules, p.view, p.events, {}, now, f.paris);
  // The contract's activity rests on a contract, yet its attendance rule is
  // a legal obligation: kept. The funding file under its activity's basis:
  // kept. Notes (obligation: false), identity, contact, testimonial: erased.
  CHECK(kept(plan, f.paris) == std::vector<std::string>{
                                   "training/attendance legal-obligation rule 3 until 2036-01-31T18:00:00+01:00",
                                   "funding/funding legal-obligation rule 1 until 2036-01-31T18:00:00+01:00",
                               });
  CHECK(plan.erase == std::vector<std::int64_t>{1, 4, 5, 6});
  CHECK(codes(plan.emptied) == std::vector<std::string>{"prospects", "testimonials"});
  // Ten years after the course the obligation is over: nothing is kept.
  Instant later = f.at("2036-01-31T18:00:00+01:00");
  ErasurePlan after =
      retention::plan_erasure(f.reg, retention::deadlines(f.reg, later, f.paris), p.view, p.events, {}, later, f.paris);
  CHECK(after.kept.empty());
  CHECK(after.erase == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("an erasure request for a learner whose course is running keeps what the contract needs", "[erasure]") {
  Fixture f;
  Instant now = f.at("2026-12-03");
  Person p = learner(f, std::nullopt);
  std::vector<RuleDeadline> rules = retention::deadlines(f.reg, now, f.paris);
  ErasurePlan plan = retention::plan_erasure(f.reg, rules, p.view, p.events, {}, now, f.paris);
  CHECK(kept(plan, f.paris) == std::vector<std::string>{
                                   "training/identity contract after end",
                                   "training/attendance contract after end",
                                   "funding/funding legal-obligation rule 1 after end",
                               });
  CHECK(plan.erase == std::vector<std::int64_t>{4, 5, 6});
  // Forced, with the DPO's reason: the contract's data goes, what a law
  // requires stays.
  ErasureScope forced{{}, "the learner left the course on 2026-11-30"};
  ErasurePlan anyway = retention::plan_erasure(f.reg, rules, p.view, p.events, forced, now, f.paris);
  CHECK(kept(anyway, f.paris) == std::vector<std::string>{
                                     "training/attendance legal-obligation rule 3 after end",
                                     "funding/funding legal-obligation rule 1 after end",
                                 });
  CHECK(anyway.erase == std::vector<std::int64_t>{1, 4, 5, 6});
  CHECK(anyway.forced == 1);  // the identity; the attendance stays for the law
  CHECK(plan.forced == 0);
  // A course booked and not begun is a contract too.
  Person booked = learner(f, std::nullopt);
  booked.view.engagements[0].started = f.at("2027-01-10");
  ErasurePlan ahead = retention::plan_erasure(f.reg, rules, booked.view, booked.events, {}, now, f.paris);
  CHECK(kept(ahead, f.paris).at(0) == "training/identity contract after end");
}

TEST_CASE("an erasure narrowed to one activity removes only what it holds", "[erasure]") {
  Fixture f;
  Instant now = f.at("2026-12-03");
  Person p = learner(f, f.at("2026-01-31T18:00:00+01:00"));
  std::vector<RuleDeadline> rules = retention::deadlines(f.reg, now, f.paris);
  ErasureScope testimonial{{ActivityId("testimonials")}, ""};
  ErasurePlan plan = retention::plan_erasure(f.reg, rules, p.view, p.events, testimonial, now, f.paris);
  CHECK(plan.erase == std::vector<std::int64_t>{6});
  CHECK(plan.kept.empty());
  CHECK(codes(plan.emptied) == std::vector<std::string>{"testimonials"});
  // Narrowed to the training: its attendance stays, the rest of the person is untouched.
  ErasureScope training{{ActivityId("training")}, ""};
  ErasurePlan partial = retention::plan_erasure(f.reg, rules, p.view, p.events, training, now, f.paris);
  CHECK(partial.erase == std::vector<std::int64_t>{1});
  CHECK(kept(partial, f.paris) ==
        std::vector<std::string>{"training/attendance legal-obligation rule 3 until 2036-01-31T18:00:00+01:00"});
  CHECK(partial.emptied.empty());
}

TEST_CASE("a legal hold keeps everything the request covers", "[erasure]") {
  Fixture f;
  Instant now = f.at("2026-12-03");
  Person p = learner(f, f.at("2026-01-31T18:00:00+01:00"));
  p.view.legal_hold = true;
  ErasurePlan plan =
      retention::plan_erasure(f.reg, retention::deadlines(f.reg, now, f.paris), p.view, p.events, {}, now, f.paris);
  CHECK(plan.erase.empty());
  CHECK(plan.kept.size() == 6);
  // Until the hold is lifted: no retention rule's date, past or not.
  for (const KeptHolding& k : plan.kept) {
    CHECK(k.reason == KeptBecause::legal_hold);
    CHECK(k.rule_no == 0);
    CHECK(!k.until);
  }
  CHECK(plan.emptied.empty());
}

TEST_CASE("a legal period is a minimum: the obligation that runs out last holds the data", "[several-rules]") {
  Fixture f;
  Holding h = Fixture::holding("funding", "funding", f.at("2022-01-01"));
  Engagement ended{ActivityId("funding"), f.at("2022-01-01"), f.at("2025-01-01"), std::nullopt};
  // Five years from collection have passed; ten from the end have not: kept.
  CHECK(f.governing(h, f.at("2027-06-01"), &ended) == "funding/1 delete 2035-01-01T00:00:00+01:00");
  CHECK(f.governing(h, f.at("2034-12-31T23:59:59+01:00"), &ended) == "funding/1 delete 2035-01-01T00:00:00+01:00");
  // Both have run out: deleted, under the first of the rules passed.
  CHECK(f.governing(h, f.at("2035-01-01"), &ended) == "funding/1 delete 2035-01-01T00:00:00+01:00");
  // The end not recorded yet: the longer obligation still to come holds it.
  Engagement running{ActivityId("funding"), f.at("2022-01-01"), std::nullopt, std::nullopt};
  CHECK(f.governing(h, f.at("2040-01-01"), &running) == "funding/1 delete never");
}
