#include <catch2/catch.hpp>

#include "base/error.h"
#include "breach/assess.h"
#include "manifest/incident_file.h"
#include "manifest/register_file.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;
using dpo::test::source_dir;

namespace {

const Register& example() {
  static const Register reg =
      manifest::load_register(source_dir() / "examples/training-org/register.yaml").reg;
  return reg;
}

const Zone& paris() {
  static const Zone zone = *Zone::find("Europe/Paris");
  return zone;
}

Incident incident(const std::string& name) {
  return manifest::load_incident(source_dir() / "examples/training-org/incidents" / name, example(), paris());
}

std::string message(const std::string& yaml) {
  try {
    (void)manifest::parse_incident(yaml, "i.yaml", example(), paris());
  } catch (const InputError& e) {
    std::string out;
    for (const Diagnostic& d : e.diagnostics()) out += d.where.str() + ": " + d.message + "\n";
    return out;
  }
  return "";
}

}  // namespace

TEST_CASE("the 72-hour clock counts hours, across a weekend and a daylight-saving change", "[breach]") {
  // Aware Friday afternoon: due Monday, same hour.
  Instant friday = *parse_instant("2026-05-29T16:00:00+02:00", paris());
  CHECK(format_local(notification_due(friday), paris()) == "2026-06-01T16:00:00+02:00");
  // Clocks go forward on Sunday 29 March 2026: 72 real hours end at 13:00 summer time.
  Instant before_dst = *parse_instant("2026-03-27T12:00:00+01:00", paris());
  CHECK(format_local(notification_due(before_dst), paris()) == "2026-03-30T13:00:00+02:00");
  // And back on Sunday 25 October 2026: 11:00 winter time.
  Instant before_winter = *parse_instant("2026-10-23T12:00:00+02:00", paris());
  CHECK(format_local(notification_due(before_winter), paris()) == "2026-10-26T11:00:00+01:00");
}

TEST_CASE("the stolen laptop scores 3.25: high risk, notify and tell the people", "[breach]") {
  Assessment a = breach::assess(incident("laptop-theft.yaml"), example());
  CHECK(a.dpc_score == 3);     // financial data
  CHECK(a.ei.value == 0.75);   // significant
  REQUIRE(a.cb.size() == 2);
  CHECK(a.cb[0].id == "cb-confidentiality");
  CHECK(a.cb[0].value == 0.5);  // unknown recipients
  CHECK(a.cb[1].id == "cb-malicious");
  CHECK(a.severity == 3.25);
  CHECK(a.risk == Risk::high);
  CHECK(a.notify_authority);
  CHECK(a.communicate());
  // Step 2: a thief, unknown hands.
  REQUIRE(a.likelihood_factors.size() == 1);
  CHECK(a.likelihood == Likelihood::likely);
  CHECK(a.notify_reason.en == "Art. 33(1): a risk to the people is likely: severity high (3.25), harm likely");
  CHECK(a.communicate_reason.en == "Art. 34(1): likely high risk: severity high (3.25), harm likely");
  CHECK(a.conclusion.en == "notify the supervisory authority (Art. 33) and tell the people affected (Art. 34)");
}

TEST_CASE("the misdelivered email scores 1.25: low risk, document only", "[breach]") {
  Assessment a = breach::assess(incident("misdelivered-email.yaml"), example());
  CHECK(a.dpc_score == 1);
  CHECK(a.ei.value == 1);
  REQUIRE(a.cb.size() == 1);
  CHECK(a.cb[0].value == 0.25);  // a known, trusted recipient who deleted it
  CHECK(a.severity == 1.25);
  CHECK(a.risk == Risk::low);
  CHECK_FALSE(a.notify_authority);
  CHECK_FALSE(a.communicate());
}

TEST_CASE("ransomware restored from a backup scores 1.5: low risk, document only", "[breach]") {
  Assessment a = breach::assess(incident("ransomware.yaml"), example());
  CHECK(a.severity == 1.5);  // 1 x 0.75 + 0.25 availability + 0.5 malicious
  CHECK(a.risk == Risk::low);
  CHECK_FALSE(a.notify_authority);
}

TEST_CASE("special categories make the data sensitive, whatever data_context says, and safe encryption makes harm "
          "unlikely",
          "[breach]") {
  Incident i = incident("laptop-theft.yaml");
  i.data.push_back(CategoryId("disability"));
  Assessment a = breach::assess(i, example());
  CHECK(a.dpc_score == 4);  // data_context: financial does not lower Art. 9 data
  CHECK(a.severity == 4);
  CHECK(a.risk == Risk::very_high);
  CHECK(a.communicate());
  // A stolen device whose disk is encrypted, the key safe: no notification
  // (EDPB Guidelines 01/2021, lost or stolen encrypted devices).
  i.context.encryption = Encryption::state_of_the_art;
  Assessment encrypted = breach::assess(i, example());
  CHECK(encrypted.severity == 4);  // the loss is as grave; harm is what encryption makes unlikely
  CHECK(encrypted.likelihood == Likelihood::unlikely);
  CHECK_FALSE(encrypted.notify_authority);
  CHECK(encrypted.notify_reason.en ==
        "Art. 33(1): unlikely to result in a risk: confidentiality: state-of-the-art encryption with the key safe keeps "
        "the data unintelligible to whoever holds it (Art. 34(3)(a))");
  // Vulnerable people raise a context below the maximum.
  Incident vulnerable = incident("misdelivered-email.yaml");
  vulnerable.context.vulnerable_subjects = true;
  CHECK(breach::assess(vulnerable, example()).dpc_score == 2);
}

namespace {

// The example's register with the kinds a breach can involve.
Register with_kinds() {
  Register reg = example();
  reg.data_categories.push_back({CategoryId("nir"), "Social-security number", false, DataKind::official_id});
  reg.data_categories.push_back({CategoryId("password"), "Password", false, DataKind::credentials});
  reg.data_categories.push_back({CategoryId("bank"), "Bank details", false, DataKind::financial});
  reg.data_categories.push_back({CategoryId("record"), "Criminal record extract", false, DataKind::criminal});
  return reg;
}

Incident breach_of(std::vector<std::string> data, std::vector<BreachNature> nature) {
  Incident i;
  i.id = "BR-T";
  i.nature = std::move(nature);
  for (const std::string& d : data) i.data.emplace_back(d);
  i.context.identifiability = Identifiability::maximum;
  return i;
}

}  // namespace

TEST_CASE("an email giving 60,000 job seekers everyone's social-security number: notify and tell them", "[breach]") {
  Incident i = breach_of({"identity", "contact", "nir"}, {BreachNature::confidentiality});
  i.cause = BreachCause::misdelivery;
  i.context.recipients = Exposure::known;  // the other job seekers, not bound to confidentiality
  i.context.exfiltration = Exfiltration::confirmed;
  Assessment a = breach::assess(i, with_kinds(), Volume{60000, 60000});
  CHECK(a.dpc.front().value == 3);  // official identifiers
  REQUIRE(a.dpc.size() == 2);
  CHECK(a.dpc[1].id == "dpc-volume");
  CHECK(a.dpc[1].value == 1);
  CHECK(a.risk == Risk::very_high);
  CHECK(a.likelihood == Likelihood::likely);
  CHECK(a.notify_authority);
  CHECK(a.communicate());
}

TEST_CASE("an employee taking the customer file to a rival: notify, whatever the low severity", "[breach]") {
  Incident i = breach_of({"identity", "contact"}, {BreachNature::confidentiality});
  i.malicious = true;
  i.context.recipients = Exposure::known;  // the former employee, whom the law reaches
  i.context.exfiltration = Exfiltration::confirmed;
  Assessment a = breach::assess(i, with_kinds(), Volume{800, 800});
  CHECK(a.risk == Risk::low);  // 1 x 1 + 0.25 + 0.5
  CHECK(a.likelihood == Likelihood::likely);
  CHECK(a.notify_authority);
  CHECK_FALSE(a.high_risk);
  CHECK(a.communicate_reason.en ==
        "Art. 34(1): no likely high risk (severity low (1.75), harm likely): telling the people is not required");
  // Unknown attackers with the same file: a high risk to each customer.
  i.context.recipients = Exposure::unknown;
  CHECK(breach::assess(i, with_kinds(), Volume{800, 800}).communicate());
}

TEST_CASE("malicious exfiltration of bank details or identity documents: tell the people", "[breach]") {
  for (const char* kind : {"bank", "nir"}) {
    Incident i = breach_of({"identity", kind}, {BreachNature::confidentiality});
    i.malicious = true;
    i.context.exfiltration = Exfiltration::confirmed;
    i.context.identifiability = Identifiability::significant;
    Assessment a = breach::assess(i, with_kinds(), Volume{40, 40});
    CHECK(a.likelihood == Likelihood::very_likely);
    CHECK(a.communicate());
  }
}

TEST_CASE("a stolen, fully encrypted tablet with a backup: document only", "[breach]") {
  Incident i = breach_of({"identity", "contact", "funding"}, {BreachNature::confidentiality,
                                                            BreachNature::availability});
  i.cause = BreachCause::theft;
  i.context.encryption = Encryption::state_of_the_art;
  i.context.backup = BackupState::available;
  Assessment a = breach::assess(i, with_kinds(), Volume{300, 900});
  CHECK(a.likelihood == Likelihood::unlikely);
  CHECK_FALSE(a.notify_authority);
  // Weak encryption protects nothing.
  i.context.encryption = Encryption::weak;
  CHECK(breach::assess(i, with_kinds(), Volume{300, 900}).notify_authority);
}

TEST_CASE("encryption protects confidentiality only: ransomware without a backup is notified", "[breach]") {
  Incident i = breach_of({"identity", "assessment"}, {BreachNature::availability});
  i.cause = BreachCause::ransomware;
  i.malicious = true;
  i.context.encryption = Encryption::state_of_the_art;  // the data was encrypted at rest: beside the point
  i.context.backup = BackupState::none;
  Assessment a = breach::assess(i, with_kinds(), Volume{200, 400});
  CHECK(a.likelihood == Likelihood::likely);
  CHECK(a.notify_authority);
  // With a backup, restored: nothing to notify (EDPB Guidelines 01/2021, ransomware with a proper backup).
  i.context.backup = BackupState::available;
  CHECK_FALSE(breach::assess(i, with_kinds(), Volume{200, 400}).notify_authority);
  // But health data out of reach meanwhile can harm: notify.
  i.data.emplace_back("disability");
  CHECK(breach::assess(i, with_kinds(), Volume{200, 400}).notify_authority);
}

TEST_CASE("Art. 9 and 10 data reaching an untrusted recipient is at least notifiable", "[breach]") {
  Incident i = breach_of({"record"}, {BreachNature::confidentiality});
  i.cause = BreachCause::misdelivery;
  i.context.recipients = Exposure::known_trusted;
  i.context.identifiability = Identifiability::negligible;
  i.context.exfiltration = Exfiltration::confirmed;
  Assessment trusted = breach::assess(i, with_kinds(), Volume{1, 1});
  CHECK(trusted.likelihood == Likelihood::possible);
  CHECK(trusted.notify_authority);  // a trusted recipient who has not confirmed deletion
  i.context.recovered = true;       // now confirmed
  CHECK_FALSE(breach::assess(i, with_kinds(), Volume{1, 1}).notify_authority);
}

TEST_CASE("Art. 34(3): (b) never on a malicious recipient's promise, (c) turns the letter public", "[breach]") {
  Incident i = breach_of({"identity", "bank"}, {BreachNature::confidentiality});
  i.context.recipients = Exposure::malicious;
  i.context.exfiltration = Exfiltration::confirmed;
  i.context.recovered = true;  // the attacker says they deleted it
  Assessment a = breach::assess(i, with_kinds(), Volume{50, 50});
  CHECK(a.high_risk);
  CHECK_FALSE(a.exemption);
  CHECK(a.communicate());
  // A known recipient who returned the data: (b) spares the letter.
  i.context.recipients = Exposure::known;
  Assessment returned = breach::assess(i, with_kinds(), Volume{20000, 20000});
  CHECK(returned.high_risk);
  REQUIRE(returned.exemption);
  CHECK(returned.exemption->en.starts_with("Art. 34(3)(b)"));
  // No way to reach each person: a public communication.
  i.context.recipients = Exposure::public_;
  i.context.recovered = false;
  i.context.disproportionate_effort = true;
  Assessment published = breach::assess(i, with_kinds(), Volume{50, 50});
  CHECK(published.public_communication);
  CHECK(published.conclusion.en.ends_with("(Art. 34(3)(c))"));
}

TEST_CASE("a category whose kind the register does not say is taken as identity, and the reason says so",
          "[breach]") {
  Register reg = with_kinds();
  reg.data_categories.push_back({CategoryId("notes"), "Notes", false, std::nullopt});
  Incident i = breach_of({"notes"}, {BreachNature::confidentiality});
  Assessment a = breach::assess(i, reg);
  CHECK(a.dpc.front().value == 1);
  CHECK(a.dpc.front().reason.en ==
        "the most sensitive data involved: Notes; kind not given in the register, taken as identity: Notes");
}

TEST_CASE("a bad incident file is refused with file:line:column and a hint", "[breach]") {
  std::string good = "id: BR-1\ntitle: t\naware_at: 2026-05-29T16:00:00+02:00\nnature: [confidentiality]\n"
                     "cause: theft\nactivities: [training-delivery]\ndata: [identity]\n";
  CHECK(message(good) == "");
  CHECK(message(good + "natur: x\n") == "i.yaml:8:1: unknown key 'natur' in the incident\n");
  CHECK(message("id: BR-1\ntitle: t\naware_at: 2026-05-29T16:00:00+02:00\nnature: [confidentality]\ncause: theft\n"
                "activities: [training-delivery]\ndata: [identity]\n") ==
        "i.yaml:4:10: unknown breach nature 'confidentality'\n");
  CHECK(message("id: BR-1\ntitle: t\naware_at: 2026-05-29T16:00:00+02:00\nnature: [confidentiality]\ncause: theft\n"
                "activities: [training-delivry]\ndata: [identity]\n") ==
        "i.yaml:6:14: unknown activity 'training-delivry'\n");
  CHECK(message(good + "notified_at: 2026-06-01\n") == "i.yaml:8:14: 'notified_at' is not set in the file\n");
  CHECK(message(good + "late_reasons: the DPO was on leave\n") == "");
  CHECK(message("id: BR-1\ntitle: t\naware_at: 2026-05-29T16:00:00+02:00\noccurred_at: 2026-06-01\n"
                "nature: [confidentiality]\ncause: theft\nactivities: [training-delivery]\ndata: [identity]\n") ==
        "i.yaml:4:14: 'occurred_at' is after 'aware_at'\n");
}
