#include <catch2/catch.hpp>

#include "base/error.h"
#include "base/file.h"
#include "manifest/register_file.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

Register example() { return manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg; }

// The diagnostics of a register that must be refused.
std::vector<std::string> problems(const std::string& yaml) {
  try {
    (void)manifest::parse_register(yaml, "r.yaml");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("the example register parses into every field of DESIGN 2.1", "[register]") {
  Register reg = example();
  CHECK(reg.controller.name == "Atelier Lumen Formation SAS");
  CHECK(reg.controller.siren == "912345678");
  REQUIRE(reg.controller.dpo);
  CHECK(reg.controller.dpo->email == "dpo@lumen-formation.example");
  CHECK(reg.controller.country == "FR");
  CHECK(reg.controller.timezone == "Europe/Paris");
  CHECK(format_date(*reg.controller.reviewed) == "2026-09-30");
  CHECK(reg.data_categories.size() == 12);
  CHECK(reg.category(CategoryId("disability"))->special);  // kind: special is special
  CHECK(reg.category(CategoryId("disability"))->kind == DataKind::special);
  CHECK(reg.category(CategoryId("funding"))->kind == DataKind::financial);
  CHECK(reg.category(CategoryId("feedback"))->free_text);
  const Purpose* newsletter = reg.purpose(PurposeId("newsletter"));
  REQUIRE(newsletter);
  CHECK(newsletter->consent_required);
  CHECK(newsletter->validity->str() == "P3Y");
  CHECK(newsletter->marketing);
  CHECK(newsletter->cpf_eligible);
  CHECK(newsletter->channels == std::vector<Channel>{Channel::email});
  const Processor* mailer = reg.processor(ProcessorId("mailer"));
  REQUIRE(mailer->dpa);
  CHECK(mailer->dpa->clauses.size() == 6);
  CHECK(mailer->subprocessors.at(0).country == "IE");
  const Activity* delivery = reg.activity(ActivityId("training-delivery"));
  REQUIRE(delivery);
  CHECK(delivery->bases == std::vector<BasisUse>{{LegalBasis::contract, {PurposeId("training")}},
                                                 {LegalBasis::legal_obligation, {PurposeId("delivery-proof")}}});
  CHECK(reg.activity(ActivityId("funding-management"))->bases ==
        std::vector<BasisUse>{{LegalBasis::legal_obligation, {}}});
  CHECK(delivery->transfers.at(0).country == "US");
  CHECK_FALSE(delivery->transfers.at(0).safeguard);
  CHECK(delivery->retention.size() == 3);
  CHECK(delivery->retention[1].keep.str() == "P10Y");
  CHECK(delivery->retention[2].action == RetentionAction::anonymise);
  const Activity* disability = reg.activity(ActivityId("disability-accommodation"));
  CHECK(disability->special_condition == SpecialCondition::explicit_consent);
  CHECK(disability->dpia.status == Dpia::done);
  CHECK(format_date(*disability->dpia.review) == "2028-02-03");
  CHECK(delivery->dpia.criteria == std::vector<DpiaCriterion>{DpiaCriterion::evaluation});
  CHECK(reg.activity(ActivityId("alumni-community"))->dpia.documented_not_required());
}

TEST_CASE("a well-formed but non-compliant register is accepted", "[register]") {
  // No legal basis, a special category without Art. 9 condition, no retention,
  // a processor without DPA: gaps for the audit, not errors for the parser.
  CHECK(problems(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
data_categories: [{ id: health, label: Health, special: true }]
purposes: [{ id: care, label: Care }]
processors: [{ id: p, name: P, country: US }]
activities:
  - { id: a, name: A, purposes: [care], data: [health], processors: [p] }
)")
            .empty());
}

TEST_CASE("every problem of a file is reported, in file order", "[register]") {
  std::vector<std::string> p = problems(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
activities:
  - { id: a, name: A, purposes: [nope], legal_basis: contrat }
data_categories: [{ id: c, label: C, specail: true }]
)");
  REQUIRE(p.size() == 3);
  CHECK(p[0] == "unknown purpose 'nope' at r.yaml:4:34 (define it under 'purposes')");
  CHECK(p[1] == "unknown legal basis 'contrat' at r.yaml:4:54 (did you mean 'contract'?)");
  CHECK(p[2] == "unknown key 'specail' in a data category at r.yaml:5:38 (did you mean 'special'?)");
}

TEST_CASE("the suppression period is three years unless the controller sets another, never zero", "[register]") {
  CHECK(example().controller.suppression.str() == "P3Y");
  Register r = manifest::parse_register(
      "version: 1\ncontroller: { name: Org, country: FR, timezone: Europe/Paris, suppression: P18M }\n", "r.yaml");
  CHECK(r.controller.suppression.str() == "P18M");
  CHECK(problems("version: 1\ncontroller: { name: Org, country: FR, timezone: Europe/Paris, suppression: P0D }\n") ==
        std::vector<std::string>{"a suppression period of zero lists nobody at r.yaml:2:76 (give how long erased or "
                                 "objecting people stay listed, such as P3Y)"});
}

TEST_CASE("the controller's sector and headcount are read, a headcount below one refused", "[register]") {
  CHECK(example().controller.sector == "formation professionnelle continue");
  CHECK(example().controller.headcount == 24);
  Register bare = manifest::parse_register("version: 1\ncontroller: { name: Org, country: FR, timezone: UTC }\n", "r.yaml");
  CHECK(bare.controller.sector.empty());
  CHECK_FALSE(bare.controller.headcount);
  CHECK(problems("version: 1\ncontroller: { name: Org, country: FR, timezone: UTC, headcount: 0 }\n") ==
        std::vector<std::string>{"a headcount of 0 people at r.yaml:2:65 (give the number of staff, 1 or more)"});
}

TEST_CASE("cpf_eligible is read on a marketing purpose and refused on any other", "[register]") {
  Register reg = manifest::parse_register(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: offers, label: Offers, marketing: true, cpf_eligible: true, channels: [sms] }
  - { id: news, label: News, marketing: true, channels: [email] }
)",
                                          "r.yaml");
  CHECK(reg.purpose(PurposeId("offers"))->cpf_eligible);
  CHECK_FALSE(reg.purpose(PurposeId("news"))->cpf_eligible);
  CHECK(problems(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: care, label: Care, cpf_eligible: true }
)") == std::vector<std::string>{"'cpf_eligible' set on purpose 'care', which is not marketing at r.yaml:4:44 (add "
                                "'marketing: true' or remove 'cpf_eligible')"});
}

TEST_CASE("transfers read occasional, PIPEDA coverage and sub-processors' grounds, refusing unknown ones",
          "[register]") {
  const std::string text = R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
processors:
  - id: p
    name: P
    country: CA
    covered_by_adequacy: true
    subprocessors: [{ name: S, country: IN, safeguard: scc-2021 }]
activities:
  - id: a
    name: A
    processors: [p]
    transfers: [{ country: MA, recipient: School, safeguard: derogation-49-1-b, occasional: true }]
)";
  Register reg = manifest::parse_register(text, "r.yaml");
  CHECK(reg.processors.at(0).covered_by_adequacy);
  CHECK(reg.processors.at(0).subprocessors.at(0).safeguard == Safeguard::scc_2021);
  CHECK_FALSE(reg.processors.at(0).subprocessors.at(0).covered_by_adequacy);
  CHECK(reg.activities.at(0).transfers.at(0).occasional);
  CHECK_FALSE(reg.activities.at(0).transfers.at(0).covered_by_adequacy);
  std::string bad = text;
  bad.replace(bad.find("safeguard: scc-2021"), 19, "safeguard: scc-2010");
  bad.replace(bad.find("occasional: true"), 16, "occasional: often");
  CHECK(problems(bad) == std::vector<std::string>{
                             "unknown transfer safeguard 'scc-2010' at r.yaml:8:56 (did you mean 'scc-2021'?)",
                             "expected true or false for 'occasional' in a transfer of activity 'a' at r.yaml:13:93"});
}

TEST_CASE("marketing_exception is read on a marketing purpose, refused on any other or when unknown", "[register]") {
  Register reg = manifest::parse_register(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: offers, label: Offers, marketing: true, marketing_exception: existing-customers, channels: [email] }
)",
                                          "r.yaml");
  CHECK(reg.purpose(PurposeId("offers"))->marketing_exception == MarketingException::existing_customers);
  CHECK(problems(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: care, label: Care, marketing_exception: professionals }
  - { id: offers, label: Offers, marketing: true, marketing_exception: customers }
)") == std::vector<std::string>{"'marketing_exception' set on purpose 'care', which is not marketing at r.yaml:4:51 "
                                "(add 'marketing: true' or remove 'marketing_exception')",
                                "unknown marketing exception 'customers' at r.yaml:5:72 (expected one of "
                                "existing-customers, professionals)"});
}

TEST_CASE("the former name of Art. 28(3)(f) still reads with a warning, and particulars are read and checked",
          "[register]") {
  const std::string text = R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
processors:
  - id: p
    name: P
    country: FR
    dpa:
      clauses: [instructions, breach-notice]
      particulars: [subject-matter, duration, controller-rights]
)";
  manifest::RegisterFile read = manifest::read_register(text, "r.yaml");
  const Dpa& dpa = *read.reg.processors.at(0).dpa;
  CHECK(dpa.clauses == std::vector<DpaClause>{DpaClause::instructions, DpaClause::assistance_32_36});
  CHECK(dpa.particulars ==
        std::vector<DpaParticular>{DpaParticular::subject_matter, DpaParticular::duration,
                                   DpaParticular::controller_rights});
  REQUIRE(read.warnings.size() == 1);
  CHECK(read.warnings[0].str() ==
        "DPA clause 'breach-notice' is now called 'assistance-32-36' at r.yaml:8:31 (Art. 28(3)(f) covers "
        "assistance with security, breaches, DPIAs and prior consultation)");
  // The new name reads without a warning.
  std::string renamed = text;
  renamed.replace(renamed.find("breach-notice"), 13, "assistance-32-36");
  CHECK(manifest::read_register(renamed, "r.yaml").warnings.empty());
  CHECK(manifest::parse_register(renamed, "r.yaml").processors.at(0).dpa->clauses == dpa.clauses);
  // Both names of one clause are the clause twice.
  std::string both = text;
  both.replace(both.find("instructions"), 12, "assistance-32-36");
  CHECK(problems(both) == std::vector<std::string>{"clause 'assistance-32-36' listed twice in 'clauses' at r.yaml:8:35 "
                                                   "(keep one)"});
  std::string bad = text;
  bad.replace(bad.find("duration"), 8, "length");
  bad.replace(bad.find("controller-rights"), 17, "subject-matter");
  CHECK(problems(bad) == std::vector<std::string>{
                             "unknown Art. 28(3) particular 'length' at r.yaml:9:37 (expected one of subject-matter, "
                             "duration, nature, purpose, data, subjects, controller-rights)",
                             "'subject-matter' listed twice in 'particulars' in the DPA of processor 'p' at "
                             "r.yaml:9:45 (keep one)"});
}

TEST_CASE("a DPIA reads as a mapping, or as a bare status with a warning for done and not-required", "[register]") {
  auto with_dpia = [](const std::string& dpia) {
    return "version: 1\ncontroller: { name: Org, country: FR, timezone: Europe/Paris }\nactivities:\n  - id: a\n"
           "    name: A\n    dpia: " +
           dpia + "\n";
  };
  manifest::RegisterFile read = manifest::read_register(
      with_dpia("{ status: done, date: 2025-03-14, review: 2028-03-14, criteria: [matching], cnil_list: "
                "[hr-profiling] }"),
      "r.yaml");
  const DpiaRecord& d = read.reg.activities.at(0).dpia;
  CHECK(d.status == Dpia::done);
  CHECK(format_date(*d.date) == "2025-03-14");
  CHECK(format_date(*d.review) == "2028-03-14");
  CHECK(d.criteria == std::vector<DpiaCriterion>{DpiaCriterion::matching});
  CHECK(d.cnil_list == std::vector<CnilDpiaType>{CnilDpiaType::hr_profiling});
  CHECK(read.warnings.empty());
  // The older form reads as it did.
  manifest::RegisterFile old = manifest::read_register(with_dpia("done"), "r.yaml");
  DpiaRecord done;
  done.status = Dpia::done;
  CHECK(old.reg.activities.at(0).dpia == done);
  REQUIRE(old.warnings.size() == 1);
  CHECK(old.warnings[0].str() == "'dpia: done' does not say when the DPIA was carried out nor when it is reviewed at "
                                 "r.yaml:6:11 (write dpia: { status: done, date: YYYY-MM-DD, review: YYYY-MM-DD })");
  CHECK(manifest::read_register(with_dpia("not-required"), "r.yaml").warnings.size() == 1);
  CHECK(manifest::read_register(with_dpia("required"), "r.yaml").warnings.empty());
  CHECK(problems(with_dpia("{ status: not-required, date: 2025-03-14, review: 2024-01-01, reason: it is "
                           "harmless, criteria: [scoring] }")) ==
        std::vector<std::string>{
            "the DPIA of activity 'a' has a review date but is not done at r.yaml:6:61 (set 'status: done', or "
            "remove 'review')",
            "the DPIA of activity 'a' is reviewed before it was carried out at r.yaml:6:61 (give a review date after "
            "'date')",
            "unknown WP248 criterion 'scoring' at r.yaml:6:108 (expected one of evaluation, automated-decisions, "
            "monitoring, sensitive, large-scale, matching, vulnerable, innovative, blocking)"});
  CHECK(problems(with_dpia("{ status: done, reason: obvious }")) ==
        std::vector<std::string>{"the DPIA of activity 'a' gives a reason but is not 'not-required' at r.yaml:6:35 "
                                 "(set 'status: not-required', or remove 'reason')"});
}

TEST_CASE("an activity may rest on several legal bases, each for its purposes, each purpose under one", "[register]") {
  const std::string text = R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: pay, label: Pay }
  - { id: declarations, label: Social declarations }
  - { id: benefits, label: Benefits }
activities:
  - id: payroll
    name: Payroll
    purposes: [pay, declarations, benefits]
    legal_basis:
      - { basis: contract, purposes: [pay, benefits] }
      - { basis: legal-obligation, purposes: [declarations] }
)";
  Register reg = manifest::parse_register(text, "r.yaml");
  const Activity& payroll = reg.activities.at(0);
  CHECK(payroll.bases == std::vector<BasisUse>{{LegalBasis::contract, {PurposeId("pay"), PurposeId("benefits")}},
                                               {LegalBasis::legal_obligation, {PurposeId("declarations")}}});
  CHECK(basis_of(payroll, PurposeId("declarations")) == LegalBasis::legal_obligation);
  CHECK(rests_on(payroll, LegalBasis::legal_obligation));
  CHECK_FALSE(rests_only_on(payroll, LegalBasis::legal_obligation));
  // A rule that does not say is a legal obligation only when every basis is one.
  CHECK_FALSE(is_legal_obligation(payroll, RetentionRule{}));
  std::string bad = text;
  bad.replace(bad.find("[declarations] }"), 16, "[declarations, pay, training] }");
  bad.replace(bad.find("basis: legal-obligation"), 23, "basis: contract");
  bad += "      - { basis: consent }\n";
  CHECK(problems(bad) ==
        std::vector<std::string>{
            "legal basis 'contract' given twice in activity 'payroll' at r.yaml:13:18 (list all the purposes it "
            "grounds in one entry)",
            "purpose 'pay' has two legal bases in activity 'payroll' at r.yaml:13:53 (one purpose rests on one "
            "basis; the other is at r.yaml:12:39)",
            "unknown purpose 'training' at r.yaml:13:58 (define it under 'purposes')",
            "a legal basis of activity 'payroll' names no purposes at r.yaml:14:9 (add purposes: [...], or give one "
            "legal_basis for the whole activity)"});
  std::string stray = text;
  stray.replace(stray.find("purposes: [pay, declarations, benefits]"), 39, "purposes: [pay, declarations]");
  CHECK(problems(stray) == std::vector<std::string>{
                               "legal basis names purpose 'benefits', which activity 'payroll' does not list in "
                               "'purposes' at r.yaml:12:44 (add it to 'purposes' or remove it here)"});
}

TEST_CASE("legitimate interests take the interest pursued and the balancing test, in a mapping or a list entry",
          "[register]") {
  const std::string head =
      "version: 1\ncontroller: { name: Org, country: FR, timezone: Europe/Paris }\n"
      "purposes: [{ id: fraud, label: Fraud }, { id: pay, label: Pay }]\nactivities:\n"
      "  - id: a\n    name: A\n    purposes: [fraud, pay]\n";
  Register whole = manifest::parse_register(
      head +
          "    legal_basis: { basis: legitimate-interests, interest: '  prévenir la fraude ', balancing: AIL "
          "2026-03 }\n",
      "r.yaml");
  CHECK(whole.activities[0].bases ==
        std::vector<BasisUse>{{LegalBasis::legitimate_interests, {}, "prévenir la fraude", "AIL 2026-03"}});
  // The mapping without an interest is the scalar form; the audit reports what it lacks.
  CHECK(manifest::parse_register(head + "    legal_basis: { basis: legitimate-interests }\n", "r.yaml")
            .activities[0]
            .bases == std::vector<BasisUse>{{LegalBasis::legitimate_interests, {}}});
  Register listed = manifest::parse_register(
      head +
          "    legal_basis:\n      - { basis: legitimate-interests, purposes: [fraud], interest: preventing fraud }\n"
          "      - { basis: contract, purposes: [pay] }\n",
      "r.yaml");
  const Activity& a = listed.activities[0];
  CHECK(a.bases ==
        std::vector<BasisUse>{{LegalBasis::legitimate_interests, {PurposeId("fraud")}, "preventing fraud", ""},
                              {LegalBasis::contract, {PurposeId("pay")}}});
  CHECK(use_of(a, PurposeId("fraud"))->interest == "preventing fraud");
  CHECK(use_of(a, PurposeId("pay"))->interest.empty());
  CHECK(use_on(a, LegalBasis::consent) == nullptr);
}

TEST_CASE(
    "an interest or a balancing test on another basis, or purposes in the single mapping, are refused where "
    "they are",
    "[register]") {
  const std::string head =
      "version: 1\ncontroller: { name: Org, country: FR, timezone: Europe/Paris }\n"
      "purposes: [{ id: fraud, label: Fraud }, { id: pay, label: Pay }]\nactivities:\n"
      "  - id: a\n    name: A\n    purposes: [fraud, pay]\n";
  CHECK(problems(head + "    legal_basis: { basis: contract, interest: keeping in touch }\n") ==
        std::vector<std::string>{"'interest' given on legal basis 'contract' in activity 'a' at r.yaml:8:47 (only "
                                 "legitimate-interests (Art. 6(1)(f)) pursues an interest: remove 'interest', or set "
                                 "basis: legitimate-interests if that is the basis)"});
  CHECK(problems(head + "    legal_basis:\n      - { basis: consent, purposes: [fraud], balancing: LIA-1 }\n"
                        "      - { basis: contract, purposes: [pay], interest: pay }\n") ==
        std::vector<std::string>{
            "'balancing' given on legal basis 'consent' in activity 'a' at r.yaml:9:57 (only legitimate-interests "
            "(Art. 6(1)(f)) pursues an interest: remove 'balancing', or set basis: legitimate-interests if that is "
            "the basis)",
            "'interest' given on legal basis 'contract' in activity 'a' at r.yaml:10:55 (only legitimate-interests "
            "(Art. 6(1)(f)) pursues an interest: remove 'interest', or set basis: legitimate-interests if that is the "
            "basis)"});
  CHECK(problems(head + "    legal_basis: { basis: legitimate-interests, purposes: [fraud], interest: x }\n") ==
        std::vector<std::string>{"a single legal basis of activity 'a' lists purposes at r.yaml:8:59 (one mapping "
                                 "grounds every purpose of the activity: remove 'purposes', or write a list of "
                                 "{ basis, purposes })"});
  CHECK(problems(head + "    legal_basis: { interest: x, balance: y }\n") ==
        std::vector<std::string>{"missing 'basis' in the legal basis of activity 'a' at r.yaml:8:18",
                                 "unknown key 'balance' in the legal basis of activity 'a' at r.yaml:8:33 (expected "
                                 "one of basis, purposes, interest, balancing)"});
}

TEST_CASE("a purpose may collect explicit consent, only if it collects consent", "[register]") {
  Register reg = manifest::parse_register(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: health, label: Health needs, consent: required, explicit: true }
  - { id: news, label: News, consent: required }
)",
                                          "r.yaml");
  CHECK(reg.purpose(PurposeId("health"))->explicit_consent);
  CHECK_FALSE(reg.purpose(PurposeId("news"))->explicit_consent);
  CHECK(problems(R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
purposes:
  - { id: care, label: Care, explicit: true }
)") == std::vector<std::string>{"'explicit' set on purpose 'care', which needs no consent at r.yaml:4:40 (add "
                                "'consent: required' or remove 'explicit')"});
}

TEST_CASE("blank and repeated list items, empty bases and a DPIA without a status are refused where they are",
          "[register]") {
  const std::string head = "version: 1\ncontroller: { name: Org, country: FR, timezone: Europe/Paris }\n"
                           "purposes: [{ id: p1, label: P1 }, { id: p2, label: P2 }]\nactivities:\n  - id: a\n"
                           "    name: A\n    purposes: [p1, p2]\n";
  CHECK(problems(head + "    legal_basis: []\n") ==
        std::vector<std::string>{"empty 'legal_basis' list in activity 'a' at r.yaml:8:18 (give one basis for the "
                                 "whole activity, or one { basis, purposes } per basis)"});
  CHECK(problems(head + "    legal_basis: [{ basis: contract, purposes: [p1] }, { basis: consent, purposes: [] }]\n") ==
        std::vector<std::string>{"a legal basis of activity 'a' names no purposes at r.yaml:8:84 (add purposes: "
                                 "[...], or give one legal_basis for the whole activity)"});
  CHECK(problems(head + "    legal_basis: [{ basis: contract, purposes: [p1, ''] }]\n") ==
        std::vector<std::string>{"blank item in 'purposes' at r.yaml:8:53 (remove it, or write the purpose id)"});
  CHECK(problems(head + "    dpia: { status: done, criteria: [evaluation, evaluation, '  '] }\n") ==
        std::vector<std::string>{
            "'evaluation' listed twice in 'criteria' in the DPIA of activity 'a' at r.yaml:8:50 (keep one)",
            "blank item in 'criteria' in the DPIA of activity 'a' at r.yaml:8:62 (remove it, or write the value)"});
  CHECK(problems(head + "    dpia: { date: 2024-01-01, review: 2025-01-01 }\n") ==
        std::vector<std::string>{"missing 'status' in the DPIA of activity 'a' at r.yaml:8:11"});
  // A blank automated_decisions is none.
  CHECK(manifest::parse_register(head + "    automated_decisions: '  '\n", "r.yaml").activities[0].automated_decisions ==
        "");
}

TEST_CASE("an empty file or a scalar is not a register", "[register]") {
  CHECK(problems("") == std::vector<std::string>{
                            "empty register at r.yaml:1:1 (start from examples/training-org/register.yaml)"});
  CHECK(problems("hello") == std::vector<std::string>{"expected a mapping for the register, found a single value at "
                                                      "r.yaml:1:1"});
}
