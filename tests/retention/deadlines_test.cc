#include <catch2/catch.hpp>

#include "manifest/register_file.h"
#include "retention/deadlines.h"

using namespace dpo;
using namespace dpo::model;

namespace {

// One activity per trigger, in Paris, where the clocks change on the last
// Sundays of March and October.
const std::string kRegister = R"(version: 1
controller: { name: Test Org, contact: contact@test.example, country: FR, timezone: Europe/Paris }
data_categories:
  - { id: identity, label: Identity }
  - { id: contact, label: Contact }
  - { id: grades, label: Grades }
  - { id: photo, label: Photo }
purposes:
  - { id: training, label: Training }
  - { id: newsletter, label: Newsletter, consent: required, validity: P1Y }
  - { id: events, label: Events, consent: required, validity: P6M }
  - { id: gallery, label: Gallery, consent: required }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    data: [identity, grades]
    retention:
      - { data: [identity], keep: P1M, from: end, action: delete }
      - { data: [grades], keep: P1Y, from: collected, action: anonymise }
  - id: prospects
    name: Prospects
    purposes: [training]
    legal_basis: legitimate-interests
    data: [contact]
    retention:
      - { data: [contact], keep: P3Y, from: last-contact, action: delete }
  - id: mailing
    name: Mailing
    purposes: [newsletter, events, training]
    legal_basis: consent
    data: [contact, identity]
    retention:
      - { data: [contact], keep: P1M, from: consent-withdrawn, action: delete }
      - { data: [identity], keep: P10D, from: consent-expired, action: delete }
  - id: portraits
    name: Portraits
    purposes: [gallery, newsletter]
    legal_basis: consent
    data: [photo]
    retention:
      - { data: [photo], keep: P0D, from: consent-expired, action: delete }
)";

struct Fixture {
  Register reg = manifest::parse_register(kRegister, "register.yaml");
  Zone paris = *Zone::find("Europe/Paris");

  Instant at(const char* text) const {
    Parsed<Instant> t = parse_instant(text, paris);
    REQUIRE(t);
    return *t;
  }
  std::string local(Instant t) const { return format_local(t, paris); }
  std::string local(const std::optional<Instant>& t) const { return t ? local(*t) : "never"; }

  // The rule for one activity and category at `now`.
  RuleDeadline rule(const char* activity, const char* category, Instant now) const {
    for (const RuleDeadline& r : retention::deadlines(reg, now, paris))
      if (r.activity.str() == activity && r.category.str() == category) return r;
    FAIL("no rule for " << activity << "/" << category);
    return {};
  }

  // When a holding of `activity` and `category` expires, seen at `now`.
  std::optional<Instant> expiry(const char* activity, const char* category, Instant collected, Instant now,
                                const Engagement* engagement = nullptr,
                                const std::vector<ConsentEvent>& events = {}) const {
    Holding h{ActivityId(activity), CategoryId(category), "crm", collected, "value", ""};
    return retention::holding_deadline(reg, rule(activity, category, now), h, engagement, events, now, paris);
  }

  ConsentEvent event(const char* purpose, ConsentAction action, const char* when) const {
    ConsentEvent e;
    e.subject = SubjectKey("S-1");
    e.purpose = PurposeId(purpose);
    e.action = action;
    e.at = at(when);
    return e;
  }
};

}  // namespace

TEST_CASE("deadlines gives one rule per activity and category, numbered as in the register", "[deadlines]") {
  Fixture f;
  std::vector<std::string> rules;
  for (const RuleDeadline& r : retention::deadlines(f.reg, f.at("2026-06-15"), f.paris))
    rules.push_back(r.activity.str() + "/" + r.category.str() + " rule " + std::to_string(r.rule_no) + " " +
                    r.keep.str() + " from " + std::string(name_of(triggers(), r.from)) + ", then " +
                    std::string(name_of(retention_actions(), r.action)));
  CHECK(rules == std::vector<std::string>{
                     "delivery/identity rule 1 P1M from end, then delete",
                     "delivery/grades rule 2 P1Y from collected, then anonymise",
                     "prospects/contact rule 1 P3Y from last-contact, then delete",
                     "mailing/contact rule 1 P1M from consent-withdrawn, then delete",
                     "mailing/identity rule 2 P10D from consent-expired, then delete",
                     "portraits/photo rule 1 P0D from consent-expired, then delete",
                 });
}

TEST_CASE("a rule's cutoff is the last trigger instant whose keep has run out by now", "[deadlines]") {
  Fixture f;
  CHECK(f.local(f.rule("delivery", "identity", f.at("2027-03-15")).cutoff) == "2027-02-15T00:00:00+01:00");
  // 28 January + P1M is 28 February: a second before it, only 27 January has run its month.
  CHECK(f.local(f.rule("delivery", "identity", f.at("2027-02-27T23:59:59+01:00")).cutoff) ==
        "2027-01-27T23:59:59+01:00");
  // The leap day + P1Y ends as 28 February ends: a second before, the leap day has not run its year.
  CHECK(f.local(f.rule("delivery", "grades", f.at("2025-02-28T23:59:59+01:00")).cutoff) ==
        "2024-02-28T23:59:59+01:00");
  CHECK(f.local(f.rule("delivery", "grades", f.at("2025-03-01")).cutoff) == "2024-03-01T00:00:00+01:00");
  // A month back across the October change keeps the local time: a month and an hour elapsed.
  CHECK(f.local(f.rule("mailing", "contact", f.at("2026-11-25T12:00:00+01:00")).cutoff) ==
        "2026-10-25T12:00:00+01:00");
}

TEST_CASE("a withdrawal trigger follows every consent purpose of the activity with the rule's cutoff", "[deadlines]") {
  Fixture f;
  RuleDeadline r = f.rule("mailing", "contact", f.at("2026-06-15"));
  REQUIRE(r.consent.size() == 2);  // training needs no consent
  CHECK(r.consent[0].purpose.str() == "newsletter");
  CHECK(r.consent[1].purpose.str() == "events");
  CHECK(*r.consent[0].cutoff == r.cutoff);
  CHECK(*r.consent[1].cutoff == r.cutoff);
}

TEST_CASE("an expiry trigger's cutoff runs the purpose's validity back from the rule's", "[deadlines]") {
  Fixture f;
  RuleDeadline r = f.rule("mailing", "identity", f.at("2026-06-15"));
  CHECK(f.local(r.cutoff) == "2026-06-05T00:00:00+02:00");
  REQUIRE(r.consent.size() == 2);
  CHECK(f.local(*r.consent[0].cutoff) == "2025-06-05T00:00:00+02:00");  // newsletter, P1Y
  CHECK(f.local(*r.consent[1].cutoff) == "2025-12-05T00:00:00+01:00");  // events, P6M
  // A purpose with no validity is followed for consents' own durations only.
  RuleDeadline photo = f.rule("portraits", "photo", f.at("2026-06-15"));
  REQUIRE(photo.consent.size() == 2);
  CHECK(photo.consent[0].purpose.str() == "gallery");
  CHECK_FALSE(photo.consent[0].cutoff);
  CHECK(photo.consent[1].purpose.str() == "newsletter");
  CHECK(f.local(*photo.consent[1].cutoff) == "2025-06-15T00:00:00+02:00");
}

TEST_CASE("a holding kept from collection expires keep after it, on the calendar", "[deadlines]") {
  Fixture f;
  Instant now = f.at("2026-06-15");
  CHECK(f.local(f.expiry("delivery", "grades", f.at("2024-02-29"), now)) == "2025-03-01T00:00:00+01:00");
  // 02:30 does not exist on 29 March 2026, when the clocks go forward: the first instant after the gap.
  CHECK(f.local(f.expiry("delivery", "grades", f.at("2025-03-29T02:30:00+01:00"), now)) ==
        "2026-03-29T03:00:00+02:00");
  // A deadline does not depend on when it is asked.
  CHECK(f.expiry("delivery", "grades", f.at("2024-02-29"), f.at("2020-01-01")) ==
        f.expiry("delivery", "grades", f.at("2024-02-29"), now));
}

TEST_CASE("a holding kept from the end of the relationship expires keep after the engagement ended",
          "[deadlines]") {
  Fixture f;
  Instant now = f.at("2026-06-15");
  Engagement ended{ActivityId("delivery"), f.at("2025-09-01"), f.at("2026-01-31"), {}};
  CHECK(f.local(f.expiry("delivery", "identity", f.at("2025-09-01"), now, &ended)) == "2026-03-01T00:00:00+01:00");
  // 02:30 happens twice on 25 October 2026, when the clocks go back: the first one.
  ended.ended = f.at("2026-09-25T02:30:00+02:00");
  CHECK(f.local(f.expiry("delivery", "identity", f.at("2025-09-01"), now, &ended)) == "2026-10-25T02:30:00+02:00");
  Engagement ongoing{ActivityId("delivery"), f.at("2025-09-01"), {}, {}};
  CHECK_FALSE(f.expiry("delivery", "identity", f.at("2025-09-01"), now, &ongoing));
  CHECK_FALSE(f.expiry("delivery", "identity", f.at("2025-09-01"), now, nullptr));
}

TEST_CASE("a holding kept from the last contact expires keep after it", "[deadlines]") {
  Fixture f;
  Instant now = f.at("2026-06-15");
  Engagement contacted{ActivityId("prospects"), {}, {}, f.at("2023-02-28T18:00:00+01:00")};
  CHECK(f.local(f.expiry("prospects", "contact", f.at("2023-01-01"), now, &contacted)) ==
        "2026-02-28T18:00:00+01:00");
  Engagement silent{ActivityId("prospects"), {}, f.at("2024-01-01"), {}};
  CHECK_FALSE(f.expiry("prospects", "contact", f.at("2023-01-01"), now, &silent));
}

TEST_CASE("a holding kept from a withdrawal expires keep after the latest event, if it is a withdrawal",
          "[deadlines]") {
  Fixture f;
  Instant now = f.at("2026-06-15");
  Instant collected = f.at("2025-01-01");
  std::vector<ConsentEvent> events = {f.event("newsletter", ConsentAction::given, "2025-01-01T09:00:00+01:00"),
                                      f.event("newsletter", ConsentAction::withdrawn, "2025-03-30T01:30:00+01:00")};
  CHECK(f.local(f.expiry("mailing", "contact", collected, now, nullptr, events)) == "2025-04-30T01:30:00+02:00");
  // Given again since: the consent holds.
  events.push_back(f.event("newsletter", ConsentAction::given, "2025-05-01T10:00:00+02:00"));
  CHECK_FALSE(f.expiry("mailing", "contact", collected, now, nullptr, events));
  // A withdrawal after now has not happened yet.
  events.push_back(f.event("newsletter", ConsentAction::withdrawn, "2026-06-15T00:00:01+02:00"));
  CHECK_FALSE(f.expiry("mailing", "contact", collected, now, nullptr, events));
  CHECK(f.local(f.expiry("mailing", "contact", collected, f.at("2026-06-16"), nullptr, events)) ==
        "2026-07-15T00:00:01+02:00");
}

TEST_CASE("a holding kept from a withdrawal expires on the first purpose withdrawn", "[deadlines]") {
  Fixture f;
  std::vector<ConsentEvent> events = {f.event("events", ConsentAction::withdrawn, "2026-01-31T08:00:00+01:00"),
                                      f.event("newsletter", ConsentAction::withdrawn, "2026-02-10T08:00:00+01:00")};
  CHECK(f.local(f.expiry("mailing", "contact", f.at("2025-01-01"), f.at("2026-06-15"), nullptr, events)) ==
        "2026-03-01T00:00:00+01:00");
  // A refusal, or a withdrawal for a purpose the activity does not follow, is not a withdrawal it counts.
  std::vector<ConsentEvent> others = {f.event("events", ConsentAction::refused, "2026-01-31T08:00:00+01:00"),
                                      f.event("gallery", ConsentAction::withdrawn, "2026-01-31T08:00:00+01:00")};
  CHECK_FALSE(f.expiry("mailing", "contact", f.at("2025-01-01"), f.at("2026-06-15"), nullptr, others));
}

TEST_CASE("a holding kept from a consent's expiry expires validity then keep after the latest grant",
          "[deadlines]") {
  Fixture f;
  Instant collected = f.at("2024-01-01");
  std::vector<ConsentEvent> events = {f.event("newsletter", ConsentAction::given, "2024-02-29T10:00:00+01:00")};
  // 29 Feb 2024 + P1Y ends as 28 Feb 2025 ends (1 March 00:00), + P10D = 11 March 2025.
  CHECK(f.local(f.expiry("mailing", "identity", collected, f.at("2026-06-15"), nullptr, events)) ==
        "2025-03-11T00:00:00+01:00");
  // A later grant renews it; the events purpose (P6M) runs out first.
  events.push_back(f.event("newsletter", ConsentAction::given, "2025-01-15T10:00:00+01:00"));
  events.push_back(f.event("events", ConsentAction::given, "2025-01-15T10:00:00+01:00"));
  CHECK(f.local(f.expiry("mailing", "identity", collected, f.at("2026-06-15"), nullptr, events)) ==
        "2025-07-25T10:00:00+02:00");
  // A withdrawn consent does not expire: the withdrawal rule covers it.
  std::vector<ConsentEvent> withdrawn = {f.event("newsletter", ConsentAction::withdrawn, "2024-02-29T10:00:00+01:00")};
  CHECK_FALSE(f.expiry("mailing", "identity", collected, f.at("2026-06-15"), nullptr, withdrawn));
}

TEST_CASE("a consent without validity never expires, so its holding stays", "[deadlines]") {
  Fixture f;
  std::vector<ConsentEvent> events = {f.event("gallery", ConsentAction::given, "2020-01-01T10:00:00+01:00")};
  CHECK_FALSE(f.expiry("portraits", "photo", f.at("2020-01-01"), f.at("2030-01-01"), nullptr, events));
  events.push_back(f.event("newsletter", ConsentAction::given, "2024-06-15T10:00:00+02:00"));
  CHECK(f.local(f.expiry("portraits", "photo", f.at("2020-01-01"), f.at("2030-01-01"), nullptr, events)) ==
        "2025-06-15T10:00:00+02:00");
}

TEST_CASE("a holding's deadline has passed exactly when its trigger is at or before the rule's cutoff",
          "[deadlines]") {
  Fixture f;
  Engagement e{ActivityId("delivery"), {}, f.at("2026-01-15T10:00:00+01:00"), {}};
  std::optional<Instant> due = f.expiry("delivery", "identity", f.at("2025-01-01"), f.at("2026-06-15"), &e);
  REQUIRE(due);
  CHECK(f.local(*due) == "2026-02-15T10:00:00+01:00");
  CHECK(*e.ended <= f.rule("delivery", "identity", *due).cutoff);
  CHECK(*e.ended > f.rule("delivery", "identity", *due - std::chrono::seconds(1)).cutoff);
}
