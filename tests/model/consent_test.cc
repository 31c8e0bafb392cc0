#include <catch2/catch.hpp>

#include "base/strings.h"
#include "model/consent.h"
#include "model/consent_rules.h"
#include "model/register.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const Zone& paris() {
  static Zone z = *Zone::find("Europe/Paris");
  return z;
}
Instant at(const char* text) { return *parse_instant(text, paris()); }

ConsentEvent given(const char* when) {
  ConsentEvent e;
  e.subject = SubjectKey("L-1");
  e.purpose = PurposeId("newsletter");
  e.action = ConsentAction::given;
  e.at = at(when);
  e.channel = ConsentChannel::web_form;
  e.notice_version = "v2";
  e.notice_sha256 = std::string(64, 'a');
  e.evidence = "form:17";
  e.recorded_by = "website";
  return e;
}

const std::optional<Duration> kThreeYears = *Duration::parse("P3Y");

}  // namespace

TEST_CASE("an event's canonical form is sorted, compact JSON with times in UTC", "[consent]") {
  ConsentEvent e = given("2026-05-29T16:00:00+02:00");
  e.scope.formats = {"quote"};
  e.scope.duration = *Duration::parse("P2Y");
  CHECK(canonical_content(e) ==
        R"({"action":"given","at":"2026-05-29T14:00:00Z","channel":"web-form","evidence":"form:17",)"
        R"("notice":{"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","version":"v2"},)"
        R"("purpose":"newsletter","recorded_by":"website","scope":{"duration":"P2Y","formats":["quote"]},)"
        R"("subject":"L-1"})");
  CHECK(consent_event_id(e) == sha256_hex(canonical_content(e)).substr(0, 32));
}

TEST_CASE("the chain hash covers the content and the predecessor", "[consent]") {
  ConsentEvent e = given("2026-05-29T16:00:00+02:00");
  Sha256 first = chain_hash(e, genesis_hash());
  CHECK(first == chain_hash(e, genesis_hash()));
  CHECK(first != chain_hash(e, first));
  ConsentEvent other = e;
  other.evidence = "form:18";
  CHECK(chain_hash(other, genesis_hash()) != first);
  // Anyone can check a hash with sha256sum: the previous hash, a line feed, the content.
  CHECK(to_hex(first) == sha256_hex(std::string(64, '0') + "\n" + canonical_content(e)));
}

TEST_CASE("a consent is given until one second before its validity ends, expired at that instant", "[consent]") {
  ConsentEvent e = given("2023-11-26T10:00:00+01:00");
  StatusAt before = status_at(&e, kThreeYears, at("2026-11-26T09:59:59+01:00"), paris());
  CHECK(before.status == ConsentStatus::given);
  CHECK(format_local(*before.until, paris()) == "2026-11-26T10:00:00+01:00");
  CHECK(status_at(&e, kThreeYears, at("2026-11-26T10:00:00+01:00"), paris()).status == ConsentStatus::expired);
  CHECK(status_at(&e, std::nullopt, at("2040-01-01"), paris()).status == ConsentStatus::given);
  CHECK(status_at(&e, kThreeYears, at("2023-11-26T09:59:59+01:00"), paris()).status == ConsentStatus::none);
}

TEST_CASE("withdrawal then re-grant gives consent again, and a refusal never counts as given", "[consent]") {
  ConsentEvent withdrawn = given("2025-01-10T10:00:00+01:00");
  withdrawn.action = ConsentAction::withdrawn;
  CHECK(status_at(&withdrawn, kThreeYears, at("2025-06-01"), paris()).status == ConsentStatus::withdrawn);
  ConsentEvent regranted = given("2025-03-01T10:00:00+01:00");
  CHECK(status_at(&regranted, kThreeYears, at("2025-06-01"), paris()).status == ConsentStatus::given);
  ConsentEvent refused = given("2025-01-10T10:00:00+01:00");
  refused.action = ConsentAction::refused;
  StatusAt s = status_at(&refused, kThreeYears, at("2030-01-01"), paris());
  CHECK(s.status == ConsentStatus::refused);
  CHECK_FALSE(s.until);
  CHECK(status_at(nullptr, kThreeYears, at("2030-01-01"), paris()).status == ConsentStatus::none);
}

TEST_CASE("a minor's given consent needs the parental co-signature, refusals and withdrawals do not", "[consent]") {
  Date birth = *parse_date("2012-03-14");
  ConsentEvent e = given("2026-08-26T10:00:00+02:00");  // 14 years old
  std::optional<EventProblem> p = check_minor(e, birth, 15, paris());
  REQUIRE(p);
  CHECK(p->message == "the subject was 14 when consenting, under the consent age of 15: a parental co-consent is "
                      "required");
  e.scope.parental = ParentalConsent{"Sandrine Perrin", "paper:parental/1"};
  CHECK_FALSE(check_minor(e, birth, 15, paris()));
  ConsentEvent withdraw = given("2026-08-26T10:00:00+02:00");
  withdraw.action = ConsentAction::withdrawn;
  CHECK_FALSE(check_minor(withdraw, birth, 15, paris()));
  // The fifteenth birthday, at midnight in Paris, is the first instant without.
  CHECK(check_minor(given("2027-03-13T23:59:59+01:00"), birth, 15, paris()));
  CHECK_FALSE(check_minor(given("2027-03-14T00:00:00+01:00"), birth, 15, paris()));
  CHECK_FALSE(check_minor(given("2027-03-14T00:00:00+01:00"), std::nullopt, 15, paris()));
}

TEST_CASE("events are checked against the register's purposes", "[consent]") {
  Register reg;
  reg.purposes.push_back(Purpose{PurposeId("training"), "Training", false, {}, {}, false, {}});
  reg.purposes.push_back(Purpose{PurposeId("newsletter"), "Newsletter", true, kThreeYears, {}, true, {}});
  ConsentEvent e = given("2026-01-01");
  CHECK(check_event(e, reg).empty());
  e.purpose = PurposeId("newsleter");
  std::vector<EventProblem> p = check_event(e, reg);
  REQUIRE(p.size() == 1);
  CHECK(p[0].message == "unknown purpose 'newsleter'");
  CHECK(p[0].hint == "did you mean 'newsletter'?");
  e.purpose = PurposeId("training");
  CHECK(check_event(e, reg).at(0).message == "purpose 'training' does not rest on consent");
  e.purpose = PurposeId("newsletter");
  e.notice_sha256.clear();
  CHECK(check_event(e, reg).at(0).field == "notice.sha256");
  e.action = ConsentAction::withdrawn;
  CHECK(check_event(e, reg).empty());  // withdrawing needs nothing more
}
