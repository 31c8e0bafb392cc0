#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

// A small organisation with nothing to find on 15 June 2026.
const std::string kRegister = read_text(source_dir() / "tests/data/audit-org.yaml");

// S-1: a CPF-funded learner in training until 30 June, subscribed to the newsletter.
const std::string kSubjects =
    R"({"key": "S-1", "birth_date": "1990-05-01", "cpf_funded": true, "engagements": [{"activity": "delivery", "started": "2026-01-05", "ended": "2026-06-30"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2026-01-02", "value": "Sam"}, {"activity": "delivery", "data": "health", "system": "crm", "collected": "2026-01-02", "value": "needs a ramp"}, {"activity": "mailing", "data": "contact", "system": "mailer", "collected": "2026-01-02", "value": "sam@mail.example"}]}
)";

const std::string kNotice = "b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7";
const std::string kConsents =
    R"({"subject": "S-1", "purpose": "newsletter", "action": "given", "at": "2026-01-02T10:00:00+01:00", "channel": "web-form", "notice": {"version": "v1", "sha256": ")" +
    kNotice + R"("}, "evidence": "form:1"}
)";

struct Scenario {
  std::string reg = kRegister;
  std::string subjects = kSubjects;
  std::string consents = kConsents;
  std::string as_of = "2026-06-15";
  std::string sql;                      ///< run on the store before the audit
  std::string subjects_after_consents;  ///< imported after the consents
};

// The messages of the findings of `rule` (all rules when empty).
std::vector<std::string> findings(const Scenario& s, const std::string& rule = {}) {
  TempDir dir;
  std::string store = make_store(dir, s.reg, s.subjects, s.consents, s.subjects_after_consents).string();
  if (!s.sql.empty()) {
    SQLite::Database db(store, SQLite::OPEN_READWRITE);
    db.exec(s.sql);
  }
  std::vector<std::string> args = {"--store", store, "--as-of", s.as_of, "--format", "json", "--fail-on", "never"};
  if (!rule.empty()) args.insert(args.end(), {"--rule", rule});
  Run audit = run("dpo-audit", args);
  REQUIRE(audit.exit_code == 0);
  std::vector<std::string> out;
  nlohmann::json report = nlohmann::json::parse(audit.out);
  for (const auto& f : report["findings"])
    out.push_back(f["rule"].get<std::string>() + " " + f["message"].get<std::string>());
  return out;
}

using List = std::vector<std::string>;

}  // namespace

TEST_CASE("a compliant store has no finding under any rule", "[cli][audit]") { CHECK(findings(Scenario{}) == List{}); }

TEST_CASE("REG-001 fires for an activity without legal basis, not otherwise", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "    legal_basis: contract\n", "");
  CHECK(findings(s, "REG-001") == List{"REG-001 activity 'delivery' has no legal basis"});
  CHECK(findings(Scenario{}, "REG-001").empty());
}

TEST_CASE("REG-002 names the Art. 30(1) fields an activity lacks", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "    recipients: [marketing]\n    security: [access-control]\n", "");
  CHECK(findings(s, "REG-002") ==
        List{"REG-002 activity 'mailing' does not record its recipients, security measures"});
  CHECK(findings(Scenario{}, "REG-002").empty());
}

TEST_CASE("REG-003 fires for special-category data without an Art. 9(2) condition", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "    special_condition: health-care\n", "");
  CHECK(findings(s, "REG-003") ==
        List{"REG-003 activity 'delivery' processes special-category data (Health) without an Art. 9(2) condition"});
  CHECK(findings(Scenario{}, "REG-003").empty());
}

TEST_CASE("REG-004 and REG-008 count WP248 criteria from the register and the store's birth dates",
          "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "    dpia: { status: done, date: 2025-01-10, review: 2028-01-10 }\n", "");
  CHECK(findings(s, "REG-004").empty());
  CHECK(findings(s, "REG-008") == List{"REG-008 activity 'delivery' meets one WP248 criterion (sensitive or highly "
                                       "personal data) and neither has a DPIA nor records why it needs none"});
  // A learner under 18: vulnerable people, the second criterion.
  s.subjects = kSubjects + R"({"key": "S-9", "birth_date": "2010-01-01", "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2026-01-02", "value": "Kid"}]}
)";
  CHECK(findings(s, "REG-004") == List{"REG-004 activity 'delivery' meets 2 WP248 criteria (sensitive or highly "
                                       "personal data, vulnerable people) and has no DPIA"});
  CHECK(findings(s, "REG-008").empty());
  // Turning 18 on the day of the audit: an adult.
  s.subjects = replaced(s.subjects, "2010-01-01", "2008-06-15");
  CHECK(findings(s, "REG-004").empty());
  CHECK(findings(Scenario{}, "REG-004").empty());
  CHECK(findings(Scenario{}, "REG-008").empty());
}

TEST_CASE("REG-009 fires for a DPIA past its review date", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "review: 2028-01-10", "review: 2026-06-14");
  CHECK(findings(s, "REG-009") ==
        List{"REG-009 the DPIA of activity 'delivery' was due for review on 2026-06-14"});
  CHECK(findings(Scenario{}, "REG-009").empty());
}

TEST_CASE("CON-007 checks special-category data on explicit consent against the ledger, person by person",
          "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "special_condition: health-care", "special_condition: explicit-consent");
  CHECK(findings(s, "CON-007") == List{"CON-007 activity 'delivery' rests on explicit consent (Art. 9(2)(a)) for its "
                                       "special-category data but none of its purposes collects one"});
  // A purpose that collects it, on consent for that purpose alone.
  s.reg = replaced(s.reg, "  - { id: training, label: Training }\n",
                   "  - { id: training, label: Training }\n"
                   "  - { id: health-needs, label: Health needs, consent: required, explicit: true }\n");
  s.reg = replaced(s.reg, "    purposes: [training]\n    legal_basis: contract\n",
                   "    purposes: [training, health-needs]\n    legal_basis:\n"
                   "      - { basis: contract, purposes: [training] }\n"
                   "      - { basis: consent, purposes: [health-needs] }\n");
  CHECK(findings(s, "CON-007") == List{"CON-007 activity 'delivery' holds 1 holding of special-category data of 1 "
                                       "subject with no valid explicit consent"});
  // S-1's explicit consent covers the health data; the identity is held on the contract.
  s.consents += R"({"subject": "S-1", "purpose": "health-needs", "action": "given", "at": "2026-01-02T10:00:00+01:00", "channel": "paper", "notice": {"version": "v1", "sha256": ")" +
                kNotice + R"("}, "evidence": "signed:1"}
)";
  CHECK(findings(s, "CON-007").empty());
  CHECK(findings(s).empty());
  // Withdrawn: no consent any more.
  s.consents += R"({"subject": "S-1", "purpose": "health-needs", "action": "withdrawn", "at": "2026-03-02T10:00:00+01:00", "channel": "email", "evidence": "mail:7"}
)";
  CHECK(findings(s, "CON-007") == List{"CON-007 activity 'delivery' holds 1 holding of special-category data of 1 "
                                       "subject with no valid explicit consent"});
}

TEST_CASE("RET-001 fires for a data category without a retention rule", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "      - { data: [health], keep: P0D, from: end, action: delete }\n", "");
  CHECK(findings(s, "RET-001") == List{"RET-001 activity 'delivery' has no retention rule for data category 'health'"});
  CHECK(findings(Scenario{}, "RET-001").empty());
}

TEST_CASE("RET-002 counts holdings from the second their deadline passes, not those under legal hold",
          "[cli][audit]") {
  // The course ends on 30 June 2026 at midnight in Paris; health data is kept P0D after it.
  Scenario at_deadline;
  at_deadline.as_of = "2026-06-30T00:00:00+02:00";
  CHECK(findings(at_deadline, "RET-002") ==
        List{"RET-002 1 holding of 1 subject in activity 'delivery' past their deadline (data category 'health', "
             "rule 2: 0 days from end of the relationship, then delete)"});
  Scenario before = at_deadline;
  before.as_of = "2026-06-29T23:59:59+02:00";
  CHECK(findings(before, "RET-002").empty());
  Scenario held = at_deadline;
  held.subjects = replaced(kSubjects, "\"cpf_funded\": true,", "\"cpf_funded\": true, \"legal_hold\": true,");
  CHECK(findings(held, "RET-002").empty());
}

TEST_CASE("DPA-001 fires for a processor used without a DPA", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister,
                   "    dpa: { signed: 2025-01-01, review: 2027-01-01, clauses: [instructions, confidentiality, "
                   "security, subprocessors, assistance, assistance-32-36, deletion, audits], particulars: "
                   "[subject-matter, duration, nature, purpose, data, subjects, controller-rights] }\n",
                   "");
  CHECK(findings(s, "DPA-001") == List{"DPA-001 processor 'host' (Host SAS) has no DPA but activities use it: delivery"});
  CHECK(findings(Scenario{}, "DPA-001").empty());
}

TEST_CASE("DPA-002 names the Art. 28(3) clauses a DPA lacks", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "deletion, audits]", "deletion]");
  CHECK(findings(s, "DPA-002") == List{"DPA-002 the DPA of processor 'host' (Host SAS) lacks a clause: audits (h)"});
  CHECK(findings(Scenario{}, "DPA-002").empty());
}

TEST_CASE("DPA-003 fires the day after the review date, not on it", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "review: 2027-01-01", "review: 2026-06-14");
  CHECK(findings(s, "DPA-003") ==
        List{"DPA-003 the DPA of processor 'host' (Host SAS) was due for review on 2026-06-14"});
  s.reg = replaced(kRegister, "review: 2027-01-01", "review: 2026-06-15");
  CHECK(findings(s, "DPA-003").empty());
}

TEST_CASE("DPA-004 fires for a sub-processor without recorded authorisation", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, ", authorised: 2025-01-01 }", " }");
  CHECK(findings(s, "DPA-004") == List{"DPA-004 sub-processor 'Sub SAS' of processor 'host' has no recorded authorisation"});
  CHECK(findings(Scenario{}, "DPA-004").empty());
}

TEST_CASE("TRF-001 fires for a transfer or a processor abroad without a Chapter V ground", "[cli][audit]") {
  Scenario declared;
  declared.reg = replaced(kRegister, "    processors: [host]\n",
                          "    processors: [host]\n    transfers: [{ country: US, recipient: Cloud Inc. }]\n");
  CHECK(findings(declared, "TRF-001") ==
        List{"TRF-001 activity 'delivery' transfers data to United States (Cloud Inc.) with no adequacy decision, "
             "safeguard or derogation; the EU decision for US covers only some recipients"});
  Scenario safeguarded = declared;
  safeguarded.reg = replaced(declared.reg, "recipient: Cloud Inc. }", "recipient: Cloud Inc., safeguard: scc-2021 }");
  CHECK(findings(safeguarded, "TRF-001").empty());
  Scenario adequate = declared;
  adequate.reg = replaced(declared.reg, "country: US", "country: JP");
  CHECK(findings(adequate, "TRF-001").empty());
  Scenario implied;
  implied.reg = replaced(kRegister, "    name: Host SAS\n    country: FR", "    name: Host SAS\n    country: CN");
  CHECK(findings(implied, "TRF-001") ==
        List{"TRF-001 activity 'delivery' transfers data to China (Host SAS) with no adequacy decision, safeguard or "
             "derogation"});
}

TEST_CASE("TRF-001 and TRF-002 read sub-processors' grounds, occasional transfers and PIPEDA coverage",
          "[cli][audit]") {
  const std::string sub = "subprocessors: [{ name: Sub SAS, country: FR, authorised: 2025-01-01 }]";
  Scenario onward;
  onward.reg = replaced(kRegister, sub, "subprocessors: [{ name: Sub SAS, country: IN, authorised: 2025-01-01 }]");
  CHECK(findings(onward, "TRF-001") == List{"TRF-001 activity 'delivery' transfers data to India (Sub SAS, "
                                            "sub-processor of 'host') with no adequacy decision, safeguard or "
                                            "derogation"});
  onward.reg = replaced(onward.reg, "authorised: 2025-01-01 }]", "authorised: 2025-01-01, safeguard: scc-2021 }]");
  CHECK(findings(onward, "TRF-001").empty());
  onward.reg = replaced(onward.reg, "safeguard: scc-2021", "safeguard: derogation-49-1-b");
  CHECK(findings(onward, "TRF-002") == List{"TRF-002 activity 'delivery' transfers data to India (Sub SAS, "
                                            "sub-processor of 'host') on an Art. 49 derogation, which cannot ground "
                                            "a processor relationship"});

  Scenario canada;
  canada.reg = replaced(kRegister, "    name: Host SAS\n    country: FR", "    name: Host SAS\n    country: CA");
  CHECK(findings(canada, "TRF-001").size() == 1);
  canada.reg = replaced(canada.reg, "country: CA", "country: CA\n    covered_by_adequacy: true");
  CHECK(findings(canada, "TRF-001").empty());

  Scenario occasional;
  occasional.reg = replaced(kRegister, "    processors: [host]\n",
                            "    processors: [host]\n    transfers: [{ country: MA, recipient: Partner school, "
                            "safeguard: derogation-49-1-e }]\n");
  CHECK(findings(occasional, "TRF-002") == List{"TRF-002 activity 'delivery' transfers data to Morocco (Partner "
                                                "school) on the Art. 49(1)(e) derogation, which grounds only an "
                                                "occasional transfer"});
  occasional.reg = replaced(occasional.reg, "derogation-49-1-e }", "derogation-49-1-e, occasional: true }");
  CHECK(findings(occasional, "TRF-002").empty());
  CHECK(findings(occasional, "TRF-001").empty());
}

TEST_CASE("CON-001 fires for data held without consent, refused or withdrawn", "[cli][audit]") {
  Scenario s;
  s.subjects = kSubjects + R"({"key": "S-2", "holdings": [{"activity": "mailing", "data": "contact", "system": "mailer", "collected": "2026-01-02", "value": "two@mail.example"}]}
)";
  CHECK(findings(s, "CON-001") == List{"CON-001 activity 'mailing' rests on consent but holds 1 holding of 1 subject "
                                       "with no valid consent (none, refused, withdrawn, ended with the period "
                                       "agreed to, or a child's without the parental co-signature)"});
  s.consents = kConsents + R"({"subject": "S-2", "purpose": "newsletter", "action": "refused", "at": "2026-01-02T10:00:00+01:00"}
)";
  CHECK(findings(s, "CON-001").size() == 1);
  CHECK(findings(Scenario{}, "CON-001").empty());
}

// A consent given for six months (scope.duration) under a one-year purpose
// was counted valid for the year; then it was CON-003's warning, as if the
// controller's renewal policy had run out. The person agreed to six months:
// after them there is no consent at all.
TEST_CASE("a consent is no consent from the second its own shorter duration ends: CON-001", "[cli][audit]") {
  Scenario s;
  s.consents = replaced(kConsents, "\"evidence\": \"form:1\"", "\"evidence\": \"form:1\", \"scope\": {\"duration\": \"P6M\"}");
  s.as_of = "2026-07-02T10:00:00+02:00";
  CHECK(findings(s, "CON-001") ==
        List{"CON-001 activity 'mailing' rests on consent but holds 1 holding of 1 subject with no valid consent "
             "(none, refused, withdrawn, ended with the period agreed to, or a child's without the parental "
             "co-signature)"});
  CHECK(findings(s, "CON-003").empty());
  s.as_of = "2026-07-02T09:59:59+02:00";
  CHECK(findings(s, "CON-001").empty());
}

TEST_CASE("CON-002 fires for a given consent without its proof", "[cli][audit]") {
  Scenario s;
  s.consents = replaced(kConsents, ", \"evidence\": \"form:1\"", "");
  CHECK(findings(s, "CON-002") == List{"CON-002 1 given consent for purpose 'newsletter' lacks part of its proof "
                                       "(notice version or hash, channel, evidence)"});
  CHECK(findings(Scenario{}, "CON-002").empty());
}

TEST_CASE("CON-003 fires from the second a consent's validity ends", "[cli][audit]") {
  Scenario s;
  s.as_of = "2027-01-02T10:00:00+01:00";
  CHECK(findings(s, "CON-003") ==
        List{"CON-003 activity 'mailing' still holds 1 holding of 1 subject whose consent has expired"});
  s.as_of = "2027-01-02T09:59:59+01:00";
  CHECK(findings(s, "CON-003").empty());
}

TEST_CASE("CON-004 fires for a minor's consent found without co-signature after the fact", "[cli][audit]") {
  // The birth date arrives after the consent: the import could not refuse it.
  Scenario s;
  s.subjects_after_consents = R"({"key": "S-1", "birth_date": "2012-03-14"})" "\n";
  List found = findings(s, "CON-004");
  REQUIRE(found.size() == 1);
  std::string prefix = "CON-004 1 consent was given by subjects under 15 without the parental co-consent (events ";
  CHECK(found[0].starts_with(prefix));
  CHECK(found[0].size() == prefix.size() + 32 + 1);  // one event id, then ")"
  s.consents = replaced(kConsents, ", \"evidence\": \"form:1\"",
                        ", \"evidence\": \"form:1\", \"scope\": {\"parental\": {\"name\": \"Pat\", \"evidence\": "
                        "\"paper:1\"}}");
  CHECK(findings(s, "CON-004").empty());
}

TEST_CASE("a child's consent without co-signature is no consent: CON-001 counts the data it backs", "[cli][audit]") {
  // Born 14 March 2012: 13 when they subscribed on 2 January 2026.
  Scenario s;
  s.subjects_after_consents = R"({"key": "S-1", "birth_date": "2012-03-14"})" "\n";
  CHECK(findings(s, "CON-001") == List{"CON-001 activity 'mailing' rests on consent but holds 1 holding of 1 subject "
                                       "with no valid consent (none, refused, withdrawn, ended with the period "
                                       "agreed to, or a child's without the parental co-signature)"});
  // Co-signed by a holder of parental authority: valid.
  Scenario signed_ = s;
  signed_.consents = replaced(kConsents, ", \"evidence\": \"form:1\"",
                              ", \"evidence\": \"form:1\", \"scope\": {\"parental\": {\"name\": \"Pat\", "
                              "\"evidence\": \"paper:1\"}}");
  CHECK(findings(signed_, "CON-001").empty());
  // Fifteen on the day they subscribed: their own consent is enough in France.
  s.subjects_after_consents = R"({"key": "S-1", "birth_date": "2011-01-02"})" "\n";
  CHECK(findings(s, "CON-001").empty());
  s.subjects_after_consents = R"({"key": "S-1", "birth_date": "2011-01-03"})" "\n";
  CHECK(findings(s, "CON-001").size() == 1);
}

TEST_CASE("CON-006 and REG-005 read the basis and the L34-5 exception from the store", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "    legal_basis: consent\n", "    legal_basis: legitimate-interests\n");
  CHECK(findings(s, "CON-006") == List{"CON-006 activity 'mailing' canvasses by email for purpose 'newsletter' on "
                                       "legitimate interests, without the people's consent nor a marked exception"});
  CHECK(findings(s, "REG-005") == List{"REG-005 activity 'mailing' rests on legitimate interests (Art. 6(1)(f)) but "
                                       "its purpose newsletter requires consent"});
  s.reg = replaced(s.reg, "marketing: true, channels: [email] }",
                   "marketing: true, marketing_exception: existing-customers, channels: [email] }");
  CHECK(findings(s, "CON-006").empty());
}

TEST_CASE("REG-010 and REG-011 read the interest pursued and the balancing test from the store", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "    legal_basis: contract\n", "    legal_basis: legitimate-interests\n");
  CHECK(findings(s, "REG-010") ==
        List{"REG-010 activity 'delivery' rests on legitimate interests but does not state the interest pursued"});
  CHECK(findings(s, "REG-011") ==
        List{"REG-011 activity 'delivery' rests on legitimate interests and references no balancing test"});
  s.reg = replaced(kRegister, "    legal_basis: contract\n",
                   "    legal_basis: { basis: legitimate-interests, interest: following each learner's progress, "
                   "balancing: LIA-2026-01 }\n");
  CHECK(findings(s, "REG-010").empty());
  CHECK(findings(s, "REG-011").empty());
}

TEST_CASE("CON-005 fires when the ledger fails verification", "[cli][audit]") {
  Scenario s;
  s.sql = "UPDATE consent_event SET evidence = 'forged' WHERE seq = 1";
  CHECK(findings(s, "CON-005") == List{"CON-005 the consent ledger fails verification: event 1 was modified: its "
                                       "content no longer gives its hash"});
  CHECK(findings(Scenario{}, "CON-005").empty());
}

TEST_CASE("CPF-001 fires for a CPF-eligible purpose reaching an opted-in subscriber whose course it is not linked to",
          "[cli][audit]") {
  // S-1 opted in to the newsletter and is in training, in an activity that
  // does not list the newsletter: neither lifts the ban.
  Scenario s;
  s.reg = replaced(kRegister, "marketing: true, channels: [email] }",
                   "marketing: true, cpf_eligible: true, channels: [email] }");
  CHECK(findings(s, "CPF-001") == List{"CPF-001 purpose 'newsletter' canvasses 1 person by email for CPF-eligible "
                                       "actions or CPF data, outside any action in progress it is linked to"});
  // Not CPF-eligible: outside the ban whoever it reaches.
  CHECK(findings(Scenario{}, "CPF-001").empty());
  // Engaged in the newsletter since January: a subscription is no action in progress.
  s.subjects = replaced(kSubjects, R"("ended": "2026-06-30"}])",
                        R"("ended": "2026-06-30"}, {"activity": "mailing", "started": "2026-01-02"}])");
  CHECK(findings(s, "CPF-001").size() == 1);
  // By post only: not a channel the law names.
  s.reg = replaced(s.reg, "cpf_eligible: true, channels: [email]", "cpf_eligible: true, channels: [post]");
  CHECK(findings(s, "CPF-001").empty());
}

TEST_CASE("CPF-001 spares a learner whose action in progress the purpose is linked to, not once it has ended",
          "[cli][audit]") {
  // The course activity lists the purpose: its solicitations are part of the
  // action. S-1's course runs until 30 June 2026.
  Scenario s;
  s.reg = replaced(kRegister, "marketing: true, channels: [email] }",
                   "marketing: true, cpf_eligible: true, channels: [email] }");
  s.reg = replaced(s.reg, "    purposes: [training]\n", "    purposes: [training, newsletter]\n");
  CHECK(findings(s, "CPF-001").empty());
  s.as_of = "2026-06-30T00:00:00+02:00";
  CHECK(findings(s, "CPF-001") == List{"CPF-001 purpose 'newsletter' canvasses 1 person by email for CPF-eligible "
                                       "actions or CPF data, outside any action in progress it is linked to"});
  s.as_of = "2026-06-29T23:59:59+02:00";
  CHECK(findings(s, "CPF-001").empty());
}

TEST_CASE("GOV-003 reads the public body and the DPO's designation number from the store", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "  country: FR\n", "  public_body: true\n  country: FR\n");
  CHECK(findings(s, "GOV-003") == List{"GOV-003 a DPO is mandatory (a public body) and the number of their "
                                       "designation to the authority is not recorded"});
  s.reg = replaced(s.reg, "email: dpo@test.example }", "email: dpo@test.example, designation: DPO-12345 }");
  CHECK(findings(s, "GOV-003").empty());
}

TEST_CASE("GOV-001 fires with neither a DPO nor a contact point", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "  dpo: { name: Dana, email: dpo@test.example }\n", "");
  CHECK(findings(s, "GOV-001").empty());  // the contact point is enough
  s.reg = replaced(s.reg, "  contact: contact@test.example\n", "");
  CHECK(findings(s, "GOV-001") == List{"GOV-001 no DPO and no contact point are declared"});
}

TEST_CASE("GOV-002 fires three months after the last review, not a second before", "[cli][audit]") {
  Scenario s;
  s.reg = replaced(kRegister, "reviewed: 2026-06-01", "reviewed: 2026-03-15");
  CHECK(findings(s, "GOV-002") ==
        List{"GOV-002 the register was last reviewed on 2026-03-15, more than 3 months ago"});
  s.as_of = "2026-06-14T23:59:59+02:00";
  CHECK(findings(s, "GOV-002").empty());
}

TEST_CASE("on the example, the audit finds exactly the gaps it was written with", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  Run r = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-26", "--format", "json", "--lang", "en"});
  CHECK(r.exit_code == 1);  // errors, and --fail-on error by default
  nlohmann::json report = nlohmann::json::parse(r.out);
  List found;
  for (const auto& f : report["findings"])
    found.push_back(f["rule"].get<std::string>() + " " + f["object"]["id"].get<std::string>() +
                    (f["count"].is_null() ? "" : " " + std::to_string(f["count"].get<long long>())));
  // The same list as the README's "The example" section.
  CHECK(found == List{
                     "RET-001 testimonials",
                     "RET-002 training-delivery/assessment 54",
                     "RET-002 quality-feedback/feedback 96",
                     "RET-002 disability-accommodation/identity 9",
                     "RET-002 disability-accommodation/disability 9",
                     "RET-002 alumni-community/identity 7",
                     "RET-002 alumni-community/contact 7",
                     "RET-002 alumni-community/professional 7",
                     "RET-002 alumni-community/community 7",
                     "RET-002 testimonials/identity 10",
                     "RET-002 testimonials/professional 10",
                     "RET-002 testimonials/testimonial 10",
                     "RET-002 referral-programme/identity 5",
                     "RET-002 referral-programme/referral 5",
                     // Unsubscribed more than a month ago (rule 1), and three
                     // years without contact or since collection (rule 2).
                     "RET-002 newsletter/contact 11",
                     "RET-002 newsletter/contact 7",
                     "DPA-002 mailer 2",
                     "DPA-005 mailer 2",
                     "TRF-001 training-delivery",
                     "CON-001 alumni-community 28",
                     // Testimonial consents given for two years of their own
                     // (scope.duration): past them, no consent at all.
                     "CON-001 testimonials 40",
                     "CON-001 newsletter 13",
                     "CON-007 disability-accommodation",
                     // Every reader of a newsletter promoting CPF-eligible
                     // courses by email, opted in or not.
                     "CPF-001 newsletter 113",
                     "REG-008 newsletter",
                     // The cohort still in training: no end recorded yet.
                     "RET-003 training-delivery/identity 10",
                     "RET-003 training-delivery/contact 20",
                     "RET-003 training-delivery/professional 10",
                     "RET-003 training-delivery/attendance 10",
                     "RET-003 funding-management/identity 10",
                     "RET-003 funding-management/funding 10",
                     "RET-003 disability-accommodation/identity 2",
                     "RET-003 disability-accommodation/disability 2",
                     "CON-002 alumni-community 1",
                     // Past the validity the register sets: renew (a warning).
                     "CON-003 alumni-community 48",
                     "CON-003 referral-programme 10",
                     "CON-003 newsletter 31",
                 });
  CHECK(report["summary"]["errors"] == 24);
  CHECK(report["summary"]["warnings"] == 13);
  CHECK(report["kpis"][0]["numerator"] == 4);   // DPA coverage 4/5
  CHECK(report["kpis"][1]["numerator"] == 377);  // consent coverage 377/547
  CHECK(report["kpis"][1]["denominator"] == 547);
  CHECK(report["kpis"][2]["numerator"] == 23);  // retention coverage 23/24
  CHECK(report["kpis"][3]["value"] == 254);     // overdue holdings, each counted once
  // Byte for byte the same the second time.
  Run again = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-26", "--format", "json", "--lang", "en"});
  CHECK(again.out == r.out);
}

TEST_CASE("the exit code follows --fail-on, for cron and CI", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  auto exit_code = [&](const std::string& fail_on, const std::string& rule) {
    return run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-26", "--fail-on", fail_on, "--rule", rule,
                             "-q"})
        .exit_code;
  };
  CHECK(exit_code("error", "DPA-002") == 1);
  CHECK(exit_code("never", "DPA-002") == 0);
  CHECK(exit_code("error", "CON-002") == 0);  // a warning only
  CHECK(exit_code("warning", "CON-002") == 1);
  CHECK(exit_code("warning", "GOV-001") == 0);  // nothing found
}

TEST_CASE("the rule catalogue lists every rule with its article", "[cli][audit]") {
  Run r = run("dpo-audit", {"rules"});
  CHECK(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 40);
  CHECK(r.out.find("REG-011  warning  Art. 5(2), 6(1)(f)                legitimate interests with no balancing test "
                   "referenced\n") != std::string::npos);
  // Each column is as wide as its widest cell (REG-010's articles).
  CHECK(r.out.find("CPF-001  error    C. trav. L6323-8-1                canvassing for CPF-eligible actions or CPF data by a "
                   "banned channel\n") != std::string::npos);
  CHECK(r.out.find("REG-010  warning  Art. 6(1)(f), 13(1)(d), 14(2)(b)  purpose on legitimate") != std::string::npos);
  Run json = run("dpo-audit", {"rules", "--format", "json", "--lang", "fr"});
  nlohmann::json rules = nlohmann::json::parse(json.out);
  CHECK(rules.size() == 40);
  CHECK(rules[0]["title"] == "traitement ou finalité sans base légale");
  CHECK(rules[0]["severity"] == "error");  // JSON stays language-neutral
  CHECK(rules[9]["id"] == "REG-010");
  CHECK(rules[9]["title"] == "finalité fondée sur l'intérêt légitime sans intérêt poursuivi indiqué");
}

TEST_CASE("the rule catalogue speaks the register's language when a store is there", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run r = run("dpo-audit", {"rules", "--store", store.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("REG-001  erreur         art. 5.2, 6.1 du RGPD                                        "
                   "traitement ou finalité sans base légale\n") != std::string::npos);
  // French law cited as French legal writing cites it.
  CHECK(r.out.find("REG-007  avertissement  décret n° 2019-341 du 19 avril 2019 ") != std::string::npos);
  CHECK(r.out.find("CON-004  erreur         art. 8 du RGPD\u202f; art. 45 de la loi Informatique et Libertés  ") !=
        std::string::npos);
  CHECK(r.out.find("CPF-001  erreur         art. L. 6323-8-1 du code du travail ") != std::string::npos);
  CHECK(r.out.find("TRF-001  erreur         chapitre V du RGPD                                           "
                   "transfert") != std::string::npos);
  Run en = run("dpo-audit", {"rules", "--store", store.string(), "--lang", "en"});
  CHECK(en.out == run("dpo-audit", {"rules"}).out);
  // No store: English, and nothing is created.
  Run none = run("dpo-audit", {"rules", "--store", (dir.path() / "none.sqlite").string()});
  CHECK(none.exit_code == 0);
  CHECK(none.out == en.out);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "none.sqlite"));
}

TEST_CASE("an unknown --rule is a usage error with a suggestion", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run r = run("dpo-audit", {"--store", store.string(), "--rule", "DPA-02"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "dpo-audit: unknown rule 'DPA-02' in --rule (did you mean 'DPA-002'?)\n");
}

TEST_CASE("the audit report is written atomically with mode 0600", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  Run r = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-26", "--format", "html", "--out",
                            (dir / "audit.html").string(), "--fail-on", "never"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK((std::filesystem::status(dir / "audit.html").permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  std::string html = read_text(dir / "audit.html");
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);  // nothing to fetch: one self-contained page
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("register text in the audit's Markdown stays text", "[cli][audit]") {
  TempDir dir;
  std::string reg = read_text(source_dir() / "examples/training-org/register.yaml");
  auto replace = [&](const std::string& from, const std::string& to) {
    std::size_t at = reg.find(from);
    REQUIRE(at != std::string::npos);
    reg.replace(at, from.size(), to);
  };
  replace("name: Atelier Lumen Formation SAS", "name: \"<script>alert(1)</script>\"");
  replace("name: Mailora SAS", "name: \"[x](javascript:alert(1)) | cell\"");
  write_text(dir / "r.yaml", reg);
  std::string store = (dir / "dpo.sqlite").string();
  REQUIRE(run("dpo", {"init", "-q", "--store", store}).exit_code == 0);
  REQUIRE(run("dpo-register", {"import", "-q", "--store", store, (dir / "r.yaml").string()}).exit_code == 0);
  Run md = run("dpo-audit", {"--store", store, "--format", "md", "--as-of", "2026-11-26", "--fail-on", "never"});
  CHECK(md.exit_code == 0);
  CHECK(md.out.find("<script>") == std::string::npos);
  CHECK(md.out.find("\\<script\\>alert(1)\\</script\\>") != std::string::npos);
  CHECK(md.out.find("[x](") == std::string::npos);
}
