#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>

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

namespace {

// The canonical form as it was defined first: nlohmann::json's dump() of the
// event's fields (keys sorted, no spaces). The fast writer must equal it.
std::string reference_canonical(const ConsentEvent& e) {
  nlohmann::json j = nlohmann::json::object();
  j["subject"] = e.subject.str();
  j["purpose"] = e.purpose.str();
  j["action"] = std::string(name_of(consent_actions(), e.action));
  j["at"] = format_utc(e.at);
  if (e.channel) j["channel"] = std::string(name_of(consent_channels(), *e.channel));
  if (!e.notice_version.empty() || !e.notice_sha256.empty()) {
    nlohmann::json notice = nlohmann::json::object();
    if (!e.notice_version.empty()) notice["version"] = e.notice_version;
    if (!e.notice_sha256.empty()) notice["sha256"] = e.notice_sha256;
    j["notice"] = notice;
  }
  if (!e.evidence.empty()) j["evidence"] = e.evidence;
  if (!e.recorded_by.empty()) j["recorded_by"] = e.recorded_by;
  if (!e.scope.empty()) {
    nlohmann::json scope = nlohmann::json::object();
    if (!e.scope.formats.empty()) scope["formats"] = e.scope.formats;
    if (!e.scope.channels.empty()) scope["channels"] = e.scope.channels;
    if (e.scope.duration) scope["duration"] = e.scope.duration->str();
    if (e.scope.parental) scope["parental"] = {{"name", e.scope.parental->name}, {"evidence", e.scope.parental->evidence}};
    j["scope"] = scope;
  }
  return j.dump();
}

}  // namespace

TEST_CASE("the canonical form is byte for byte what nlohmann::json's dump writes, on 20,000 generated events",
          "[consent]") {
  std::mt19937 rng(20261203);
  // Text with every escape JSON has, control characters, quotes, backslashes and UTF-8.
  const std::vector<std::string> pieces{"a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t",
                                        std::string(1, '\x01'), std::string(1, '\x1f'), "\x7f", "\xc3\xa9",
                                        "\xe2\x82\xac", "\xf0\x9f\x98\x80", "form:", "-", "{", "}", "[", ","};
  auto text = [&](int max) {
    std::string out;
    int n = static_cast<int>(rng() % static_cast<unsigned>(max + 1));
    for (int i = 0; i < n; ++i) out += pieces[rng() % pieces.size()];
    return out;
  };
  auto maybe = [&] { return rng() % 3 == 0; };
  for (int i = 0; i < 20000; ++i) {
    ConsentEvent e;
    e.subject = SubjectKey(text(6));
    e.purpose = PurposeId(text(4));
    e.action = static_cast<ConsentAction>(rng() % 3);
    e.at = from_unix(static_cast<long long>(rng() % 4000000000u) - 2000000000LL);
    if (maybe()) e.channel = static_cast<ConsentChannel>(rng() % 5);
    if (maybe()) e.notice_version = text(3);
    if (maybe()) e.notice_sha256 = text(3);
    if (maybe()) e.evidence = text(5);
    if (maybe()) e.recorded_by = text(3);
    if (maybe())
      for (int k = static_cast<int>(rng() % 3); k > 0; --k) e.scope.formats.push_back(text(3));
    if (maybe())
      for (int k = static_cast<int>(rng() % 3); k > 0; --k) e.scope.channels.push_back(text(3));
    if (maybe()) e.scope.duration = *Duration::parse(rng() % 2 ? "P2Y" : "P1Y6M");
    if (maybe()) e.scope.parental = ParentalConsent{text(4), text(4)};
    INFO(i);
    REQUIRE(canonical_content(e) == reference_canonical(e));
  }
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

TEST_CASE("a consent's own duration ends it when shorter than its purpose's validity, never extends it",
          "[consent]") {
  ConsentEvent e = given("2025-03-31T10:00:00+02:00");
  e.scope.duration = *Duration::parse("P1Y");
  CHECK(format_local(*consent_ends(e, kThreeYears, paris()), paris()) == "2026-03-31T10:00:00+02:00");
  CHECK(format_local(*consent_ends(e, std::nullopt, paris()), paris()) == "2026-03-31T10:00:00+02:00");
  CHECK(status_at(&e, kThreeYears, at("2026-03-31T09:59:59+02:00"), paris()).status == ConsentStatus::given);
  CHECK(status_at(&e, kThreeYears, at("2026-03-31T10:00:00+02:00"), paris()).status == ConsentStatus::expired);
  e.scope.duration = *Duration::parse("P5Y");
  CHECK(format_local(*consent_ends(e, kThreeYears, paris()), paris()) == "2028-03-31T10:00:00+02:00");
  e.scope.duration.reset();
  CHECK_FALSE(consent_ends(e, std::nullopt, paris()));
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
  reg.purposes.push_back(Purpose{PurposeId("training"), "Training", false, {}, {}, false, false, {}, {}});
  reg.purposes.push_back(Purpose{PurposeId("newsletter"), "Newsletter", true, kThreeYears, {}, true, false, {}, {}});
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

TEST_CASE("the ledger check's hasher gives the same id and chain hashes, golden values included", "[consent]") {
  ConsentEvent e = given("2026-05-29T16:00:00+02:00");
  e.scope.formats = {"quote"};
  e.scope.duration = *Duration::parse("P2Y");
  // Computed apart (Python's hashlib over the canonical form above), so that
  // a faster path can never change what a stored ledger verifies against.
  CHECK(consent_event_id(e) == "51d69c4937f42b776ae5bef2c321990e");
  CHECK(to_hex(chain_hash(e, genesis_hash())) == "9ba444dd683ad9029c486de2934a5b41813a2c324f3a183155dfff2ac0fcebf5");
  EventHasher hashed;
  hashed.hash(e, genesis_hash());
  CHECK(hashed.id_matches("51d69c4937f42b776ae5bef2c321990e"));
  CHECK_FALSE(hashed.id_matches("51d69c4937f42b776ae5bef2c321990f"));
  CHECK_FALSE(hashed.id_matches("51d69c4937f42b776ae5bef2c321990"));
  CHECK(to_hex(hashed.chain()) == "9ba444dd683ad9029c486de2934a5b41813a2c324f3a183155dfff2ac0fcebf5");
  // Reused for the next event, chained to the first.
  Sha256 first = hashed.chain();
  hashed.hash(e, first);
  CHECK(to_hex(hashed.chain()) == "c3fa25783095f71d6ac69813dc14ec2f3b883d423b652befe96211755424e5aa");
  CHECK(hashed.canonical() == canonical_content(e));
  // And on many generated events, the same as the one-shot functions.
  std::mt19937 rng(7);
  Sha256 prev = genesis_hash();
  for (int i = 0; i < 500; ++i) {
    ConsentEvent g = given("2026-05-29T16:00:00+02:00");
    g.evidence = "form:\"" + std::to_string(rng()) + "\\\n";
    g.at = from_unix(static_cast<long long>(rng() % 2000000000u));
    hashed.hash(g, prev);
    REQUIRE(hashed.id_matches(consent_event_id(g)));
    REQUIRE(hashed.chain() == chain_hash(g, prev));
    prev = hashed.chain();
  }
}
