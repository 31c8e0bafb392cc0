// Each audit rule's decision, from a register and the counts the store would
// give, without a store or a binary (tests/cli/audit_cli_test.cc runs the
// same scenarios end to end).

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "manifest/register_file.h"
#include "rules/audit.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

// The small organisation of tests/cli/audit_cli_test.cc: nothing to find on 15 June 2026.
const std::string kRegister = dpo::test::read_text(dpo::test::source_dir() / "tests/data/audit-org.yaml");

/// A register and the store's counts for one learner, S-1, in training and
/// subscribed with proof: every rule quiet until a test changes one fact.
struct Audit {
  Register reg = manifest::parse_register(kRegister, "register.yaml");
  AuditFacts facts;
  Zone zone = *Zone::find("Europe/Paris");
  Instant now = at("2026-06-15");

  Audit() {
    facts.activities = {{ActivityId("delivery"), 1, 2, 0}, {ActivityId("mailing"), 1, 1, 0}};
    facts.activities[1].valid_subjects = 1;
    facts.activities[1].valid_holdings = 1;
    for (const Activity& a : reg.activities)
      for (std::size_t r = 0; r < a.retention.size(); ++r)
        for (const CategoryId& c : a.retention[r].data) {
          const RetentionRule& rule = a.retention[r];
          facts.rules.push_back({RuleDeadline{a.id, c, static_cast<int>(r) + 1, rule.from, rule.fallback, rule.action,
                                              rule.keep, rule.basis, is_legal_obligation(a, rule), now, {}},
                                 0, 0, 0});
        }
    facts.purposes = {{PurposeId("training"), 0, 0, 0}, {PurposeId("newsletter"), 1, 0, 0}};
    facts.ledger.events = 1;
  }

  Instant at(const char* text) const {
    Parsed<Instant> t = parse_instant(text, zone);
    REQUIRE(t);
    return *t;
  }
  Date day(const char* text) const { return *parse_date(text); }

  Activity& activity(const char* id) { return reg.activities.at(std::string_view(id) == "delivery" ? 0 : 1); }
  Processor& host() { return reg.processors.at(0); }
  ActivityFacts& counts(const char* activity) {
    return facts.activities.at(std::string_view(activity) == "delivery" ? 0 : 1);
  }
  PurposeFacts& newsletter() { return facts.purposes.at(1); }
  RuleFacts& rule(const char* activity, const char* category) {
    for (RuleFacts& f : facts.rules)
      if (f.rule.activity.str() == activity && f.rule.category.str() == category) return f;
    FAIL("no rule for " << activity << "/" << category);
    return facts.rules.front();
  }

  // The findings of one rule: "ID severity kind object [count]: message".
  std::vector<std::string> findings(const char* rule) const {
    std::vector<std::string> only = {rule};
    AuditResult result = rules::run_audit({reg, facts, now, zone}, only);
    std::vector<std::string> out;
    for (const Finding& f : result.findings)
      out.push_back(std::string(f.rule.id) + " " + std::string(name_of(f.rule.severity)) + " " + f.object_kind +
                    " " + f.object + (f.count ? " [" + std::to_string(*f.count) + "]" : "") + ": " + with_names(f.message.en, Naming::ids, Lang::en));
    return out;
  }
};

using List = std::vector<std::string>;

BreachFacts breach(Instant aware_at) {
  BreachFacts b;
  b.id = "BR-2026-001";
  b.aware_at = aware_at;
  return b;
}

SubjectRequest request(const Audit& a, std::int64_t id, const char* received, const char* due) {
  SubjectRequest r;
  r.id = id;
  r.subject = SubjectKey("S-1");
  r.type = RequestType::erasure;
  r.received = a.at(received);
  r.due = a.day(due);
  return r;
}

}  // namespace

// ---- the catalogue ----

TEST_CASE("the catalogue has 40 rules, each found by its unique id", "[rules]") {
  std::set<std::string_view> ids;
  for (const rules::Rule& r : rules::catalogue()) {
    ids.insert(r.info.id);
    CHECK(rules::find_rule(r.info.id) == &r);
    CHECK_FALSE(r.info.title.en.empty());
    CHECK_FALSE(r.info.fix.fr.empty());
  }
  CHECK(ids.size() == 40);
  CHECK(rules::catalogue().size() == 40);
  CHECK(rules::find_rule("DPA-02") == nullptr);
}

TEST_CASE("a compliant register with compliant counts has no finding under any rule", "[rules]") {
  Audit a;
  AuditResult result = rules::run_audit({a.reg, a.facts, a.now, a.zone});
  CHECK(result.rules_run.size() == 40);
  CHECK(result.findings.empty());
}

TEST_CASE("the audit runs only the rules asked for", "[rules]") {
  Audit a;
  a.activity("delivery").bases.clear();
  a.reg.controller.reviewed.reset();
  std::vector<std::string> only = {"GOV-002", "DPA-001"};
  AuditResult result = rules::run_audit({a.reg, a.facts, a.now, a.zone}, only);
  CHECK(result.rules_run == std::vector<std::string>{"DPA-001", "GOV-002"});
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].rule.id == "GOV-002");
}

TEST_CASE("findings come errors first, each severity in catalogue order", "[rules]") {
  Audit a;
  a.reg.controller.reviewed.reset();                  // GOV-002, a warning
  a.host().subprocessors[0].authorised.reset();       // DPA-004, a warning
  a.counts("mailing").unconsented_holdings = 1;       // CON-001, an error
  a.activity("delivery").bases.clear();         // REG-001, an error
  AuditResult result = rules::run_audit({a.reg, a.facts, a.now, a.zone});
  List ids;
  for (const Finding& f : result.findings) ids.emplace_back(f.rule.id);
  CHECK(ids == List{"REG-001", "CON-001", "DPA-004", "GOV-002"});
  CHECK(result.count(Severity::error) == 2);
  CHECK(result.count(Severity::warning) == 2);
}

TEST_CASE("every finding is worded in English and in French", "[rules]") {
  Audit a;
  a.activity("delivery").bases.clear();
  a.rule("delivery", "health").overdue = 3;
  a.rule("delivery", "health").overdue_subjects = 2;
  a.reg.purposes.at(1).cpf_eligible = true;
  a.newsletter().cpf_reached = 4;
  AuditResult result = rules::run_audit({a.reg, a.facts, a.now, a.zone});
  REQUIRE(result.findings.size() == 3);
  for (const Finding& f : result.findings) {
    INFO(f.message.en);
    CHECK_FALSE(f.message.fr.empty());
    CHECK(f.message.fr != f.message.en);
  }
  CHECK(with_names(result.findings[1].message.fr, Naming::ids, Lang::fr) ==
        "3 données de 2 personnes dans le traitement 'delivery' ont dépassé leur échéance (catégorie 'health', "
        "règle 2 : 0 jour à compter de la fin de la relation, puis suppression)");
  // The documents name the activity and the category in the register's words.
  CHECK(with_names(result.findings[1].message.fr, Naming::labels, Lang::fr) ==
        "3 données de 2 personnes dans le traitement \u00ab\u202fDelivery\u202f\u00bb ont dépassé leur échéance "
        "(catégorie \u00ab\u202fHealth\u202f\u00bb, "
        "règle 2 : 0 jour à compter de la fin de la relation, puis suppression)");
}

TEST_CASE("a name in a finding reads as its id or as its label, and a label cannot forge one", "[rules]") {
  std::string m = "activity " + named("'crm'", "Gestion \x1e des \x1f" "clients\x1d") + " and " + named("x", "");
  CHECK(with_names(m, Naming::ids, Lang::en) == "activity 'crm' and x");
  CHECK(with_names(m, Naming::labels, Lang::en) == "activity \u201cGestion  des clients\u201d and \u201cx\u201d");
  CHECK(with_names(m, Naming::labels, Lang::fr) ==
        "activity \u00ab\u202fGestion  des clients\u202f\u00bb and \u00ab\u202fx\u202f\u00bb");
  CHECK(with_names("no name here", Naming::labels, Lang::fr) == "no name here");
  // A term of the format reads as the keyword or in words, unquoted.
  std::string clause = worded("audits (h)", "information and audits (h)");
  CHECK(with_names(clause, Naming::ids, Lang::en) == "audits (h)");
  CHECK(with_names(clause, Naming::labels, Lang::en) == "information and audits (h)");
}

// ---- the register (Art. 30) ----

TEST_CASE("REG-001 fires for an activity without legal basis, not otherwise", "[rules]") {
  Audit a;
  CHECK(a.findings("REG-001").empty());
  a.activity("delivery").bases.clear();
  CHECK(a.findings("REG-001") == List{"REG-001 error activity delivery: activity 'delivery' has no legal basis"});
}

TEST_CASE("REG-002 names the Art. 30(1) fields an activity lacks", "[rules]") {
  Audit a;
  CHECK(a.findings("REG-002").empty());
  a.activity("mailing").recipients.clear();
  a.activity("mailing").security.clear();
  CHECK(a.findings("REG-002") ==
        List{"REG-002 error activity mailing: activity 'mailing' does not record its recipients, security measures"});
  a.activity("delivery").purposes.clear();
  a.activity("delivery").subjects.clear();
  CHECK(a.findings("REG-002").at(0) ==
        "REG-002 error activity delivery: activity 'delivery' does not record its purposes, data subjects");
}

TEST_CASE("REG-003 fires for special-category data without an Art. 9(2) condition", "[rules]") {
  Audit a;
  CHECK(a.findings("REG-003").empty());
  a.activity("delivery").special_condition.reset();
  CHECK(a.findings("REG-003") == List{"REG-003 error activity delivery: activity 'delivery' processes "
                                      "special-category data (Health) without an Art. 9(2) condition"});
  // Without special categories, no condition is needed.
  a.activity("delivery").data = {CategoryId("identity")};
  CHECK(a.findings("REG-003").empty());
}

TEST_CASE("REG-006 and REG-007 fire for criminal data and official identifiers with no authorising text",
          "[rules]") {
  Audit a;
  CHECK(a.findings("REG-006").empty());
  CHECK(a.findings("REG-007").empty());
  // Identity documents checked for an exam: official identifiers.
  a.reg.data_categories.push_back({CategoryId("id-card"), "Identity card copy", false, DataKind::official_id});
  a.reg.data_categories.push_back({CategoryId("record"), "Criminal record extract", false, DataKind::criminal});
  a.activity("delivery").data.push_back(CategoryId("id-card"));
  CHECK(a.findings("REG-007") == List{"REG-007 warning activity delivery: activity 'delivery' holds official "
                                      "identifiers (id-card) and names no text that authorises it"});
  CHECK(a.findings("REG-006").empty());
  a.activity("delivery").data.push_back(CategoryId("record"));
  CHECK(a.findings("REG-006") == List{"REG-006 error activity delivery: activity 'delivery' holds criminal-offence "
                                      "data (record) and names no text that authorises it"});
  // Naming the text answers both.
  a.activity("delivery").authorisation = "C. éduc. L423-1 (exam candidates' identity)";
  CHECK(a.findings("REG-006").empty());
  CHECK(a.findings("REG-007").empty());
}

TEST_CASE("REG-004 fires at two WP248 criteria without a DPIA, not at one, not once it is done", "[rules]") {
  Audit a;
  CHECK(a.findings("REG-004").empty());  // delivery's DPIA is done
  Activity& delivery = a.activity("delivery");
  delivery.dpia = DpiaRecord{};
  // Health data alone: one criterion, REG-008's.
  CHECK(a.findings("REG-004").empty());
  CHECK(a.findings("REG-008") == List{"REG-008 warning activity delivery: activity 'delivery' meets one WP248 "
                                      "criterion (sensitive or highly personal data) and neither has a DPIA nor "
                                      "records why it needs none"});
  // A minor among the learners: vulnerable people, the second criterion.
  a.counts("delivery").minors = 1;
  CHECK(a.findings("REG-008").empty());
  CHECK(a.findings("REG-004") == List{"REG-004 error activity delivery: activity 'delivery' meets 2 WP248 criteria "
                                      "(sensitive or highly personal data, vulnerable people) and has no DPIA"});
  delivery.dpia.status = Dpia::required;
  CHECK(a.findings("REG-004") == List{"REG-004 error activity delivery: activity 'delivery' meets 2 WP248 criteria "
                                      "(sensitive or highly personal data, vulnerable people): its DPIA is not done"});
  delivery.dpia.status = Dpia::done;
  CHECK(a.findings("REG-004").empty());
}

TEST_CASE("REG-004 reads criteria from the register, the store and the declaration, each counted once", "[rules]") {
  Audit a;
  Activity& mailing = a.activity("mailing");
  mailing.dpia = DpiaRecord{};
  mailing.dpia.criteria = {DpiaCriterion::evaluation, DpiaCriterion::evaluation};
  CHECK(a.findings("REG-004").empty());  // one criterion, declared twice
  mailing.automated_decisions = "a score decides who is offered a place";
  CHECK(a.findings("REG-004") == List{"REG-004 error activity mailing: activity 'mailing' meets 2 WP248 criteria "
                                      "(evaluation or scoring, automated decisions with legal or similar effect) "
                                      "and falls under Art. 35(3)(a): evaluation with automated decisions of legal "
                                      "effect and has no DPIA"});
  mailing.automated_decisions.clear();
  mailing.dpia.criteria.clear();
  mailing.monitoring = true;
  a.counts("mailing").subjects = rules::kLargeScale - 1;
  CHECK(a.findings("REG-004").empty());
  a.counts("mailing").subjects = rules::kLargeScale;
  CHECK(a.findings("REG-004") == List{"REG-004 error activity mailing: activity 'mailing' meets 2 WP248 criteria "
                                      "(systematic monitoring, large scale) and falls under Art. 35(3)(c): "
                                      "large-scale systematic monitoring and has no DPIA"});
}

TEST_CASE("REG-004 accepts a documented no-DPIA conclusion, except for processing on the CNIL's list", "[rules]") {
  Audit a;
  Activity& mailing = a.activity("mailing");
  mailing.dpia.criteria = {DpiaCriterion::evaluation, DpiaCriterion::matching};
  // mailing concludes, with a reason and a day, that no DPIA is needed.
  CHECK(a.findings("REG-004").empty());
  mailing.dpia.reason.clear();  // a conclusion without its reason is no record
  CHECK(a.findings("REG-004") == List{"REG-004 error activity mailing: activity 'mailing' meets 2 WP248 criteria "
                                      "(evaluation or scoring, matching or combining datasets) and has no DPIA"});
  mailing.dpia.reason = "scores stay internal and decide nothing";
  mailing.dpia.criteria.clear();
  mailing.dpia.cnil_list = {CnilDpiaType::hr_profiling};
  CHECK(a.findings("REG-004") ==
        List{"REG-004 error activity mailing: activity 'mailing' is on the CNIL's list of processing needing a DPIA "
             "(profiling for human-resources management): yet the register concludes no DPIA is needed"});
  CHECK(a.findings("REG-008").empty());
  mailing.dpia.status = Dpia::done;
  CHECK(a.findings("REG-004").empty());
}

TEST_CASE("REG-004: Art. 35(3) cases and a register saying 'required' need a DPIA whatever is concluded, a future "
          "one does not count",
          "[rules]") {
  Audit a;
  Activity& mailing = a.activity("mailing");  // concludes, dated and reasoned, that no DPIA is needed
  mailing.monitoring = true;
  a.counts("mailing").subjects = rules::kLargeScale;
  CHECK(a.findings("REG-004") == List{"REG-004 error activity mailing: activity 'mailing' meets 2 WP248 criteria "
                                      "(systematic monitoring, large scale) and falls under Art. 35(3)(c): "
                                      "large-scale systematic monitoring: yet the register concludes no DPIA is "
                                      "needed"});
  mailing.monitoring = false;
  a.counts("mailing").subjects = 1;
  CHECK(a.findings("REG-004").empty());
  mailing.dpia = DpiaRecord{Dpia::required};
  CHECK(a.findings("REG-004") == List{"REG-004 error activity mailing: activity 'mailing' is recorded as needing a "
                                      "DPIA: its DPIA is not done"});
  // Done, but on a day still to come: not done yet.
  Activity& delivery = a.activity("delivery");
  a.counts("delivery").minors = 1;  // two criteria with the health data
  delivery.dpia.date = a.day("2026-07-01");
  delivery.dpia.review = a.day("2029-07-01");
  CHECK(a.findings("REG-004").size() == 2);
  CHECK(a.findings("REG-009") == List{"REG-009 warning activity delivery: the DPIA of activity 'delivery' is dated "
                                      "2026-07-01, after today"});
  delivery.dpia.date = a.day("2026-01-10");
  delivery.dpia.review = a.day("2029-01-11");
  CHECK(a.findings("REG-009") == List{"REG-009 warning activity delivery: the DPIA of activity 'delivery' is to be "
                                      "reviewed on 2029-01-11, more than three years after 2026-01-10"});
  delivery.dpia.review = a.day("2029-01-10");
  CHECK(a.findings("REG-009").empty());
}

TEST_CASE("REG-005 leaves a purpose collecting Art. 9(2)(a) consent under any Art. 6 basis", "[rules]") {
  Audit a;
  Activity& delivery = a.activity("delivery");
  Purpose health{PurposeId("health-needs"), "Health needs", true};
  health.explicit_consent = true;
  a.reg.purposes.push_back(health);
  delivery.purposes.push_back(health.id);
  delivery.special_condition = SpecialCondition::explicit_consent;
  CHECK(a.findings("REG-005").empty());  // contract for both, the explicit consent on top
  delivery.special_condition = SpecialCondition::health_care;
  CHECK(a.findings("REG-005").size() == 1);  // then it is an Art. 6(1)(a) consent
}

TEST_CASE("REG-009 fires the day after a DPIA's review date, three years after it when none is set, and without a "
          "day",
          "[rules]") {
  Audit a;
  Activity& delivery = a.activity("delivery");
  delivery.dpia.review = a.day("2026-06-15");
  CHECK(a.findings("REG-009").empty());
  delivery.dpia.review = a.day("2026-06-14");
  CHECK(a.findings("REG-009") ==
        List{"REG-009 warning activity delivery: the DPIA of activity 'delivery' was due for review on 2026-06-14"});
  delivery.dpia.review.reset();
  delivery.dpia.date = a.day("2023-06-15");
  CHECK(a.findings("REG-009").empty());
  delivery.dpia.date = a.day("2023-06-14");
  CHECK(a.findings("REG-009") == List{"REG-009 warning activity delivery: the DPIA of activity 'delivery' was "
                                      "carried out on 2023-06-14, over three years ago, and has no review date"});
  delivery.dpia.date.reset();
  CHECK(a.findings("REG-009") == List{"REG-009 warning activity delivery: the DPIA of activity 'delivery' is "
                                      "recorded as done on a day the register does not give"});
  delivery.dpia.status = Dpia::required;  // not done: REG-004's business
  CHECK(a.findings("REG-009").empty());
}

TEST_CASE("with several bases, each purpose needs one, each basis fits its purposes, and consent rules follow",
          "[rules]") {
  Audit a;
  Activity& mailing = a.activity("mailing");
  mailing.purposes = {PurposeId("newsletter"), PurposeId("training")};
  mailing.bases = {{LegalBasis::consent, {PurposeId("newsletter")}}};
  CHECK(a.findings("REG-001") == List{"REG-001 error activity mailing: activity 'mailing' gives no legal basis for "
                                      "its purpose training"});
  mailing.bases.push_back({LegalBasis::contract, {PurposeId("training")}});
  CHECK(a.findings("REG-001").empty());
  CHECK(a.findings("REG-005").empty());
  // The consent basis over a purpose that does not ask for it.
  mailing.bases = {{LegalBasis::consent, {PurposeId("training")}}, {LegalBasis::contract, {PurposeId("newsletter")}}};
  CHECK(a.findings("REG-005") ==
        List{"REG-005 error activity mailing: activity 'mailing' rests on consent for training, which does not "
             "require it",
             "REG-005 error activity mailing: activity 'mailing' rests on contract (Art. 6(1)(b)) but its purpose "
             "newsletter requires consent"});
  // Email canvassing on a contract, without the customers' exception.
  CHECK(a.findings("CON-006") == List{"CON-006 error activity mailing: activity 'mailing' canvasses by email for "
                                      "purpose 'newsletter' on contract, without the people's consent nor a marked "
                                      "exception"});
  // Data held on another basis too: a missing consent is no CON-001 finding.
  mailing.bases = {{LegalBasis::consent, {PurposeId("newsletter")}}, {LegalBasis::contract, {PurposeId("training")}}};
  a.counts("mailing").valid_holdings = 0;
  a.counts("mailing").valid_subjects = 0;
  a.counts("mailing").unconsented_holdings = 1;
  a.counts("mailing").unconsented_subjects = 1;
  CHECK(a.findings("CON-001").empty());
  CHECK(a.findings("CON-006").empty());
  mailing.bases = {{LegalBasis::consent, {}}};
  CHECK(a.findings("CON-001").size() == 1);
}

TEST_CASE("CON-007 asks an activity on explicit consent for a purpose that collects it, then for each person's",
          "[rules]") {
  Audit a;
  Activity& delivery = a.activity("delivery");
  CHECK(a.findings("CON-007").empty());  // health-care, not consent
  delivery.special_condition = SpecialCondition::explicit_consent;
  CHECK(a.findings("CON-007") == List{"CON-007 error activity delivery: activity 'delivery' rests on explicit consent "
                                      "(Art. 9(2)(a)) for its special-category data but none of its purposes "
                                      "collects one"});
  Purpose health{PurposeId("health-needs"), "Health needs", true};
  health.explicit_consent = true;
  a.reg.purposes.push_back(health);
  delivery.purposes.push_back(health.id);
  CHECK(a.findings("CON-007").empty());
  a.counts("delivery").unexplicit_holdings = 1;
  a.counts("delivery").unexplicit_subjects = 1;
  CHECK(a.findings("CON-007") == List{"CON-007 error activity delivery [1]: activity 'delivery' holds 1 holding of "
                                      "special-category data of 1 subject with no valid explicit consent"});
  // No special-category data: nothing to ask.
  delivery.data = {CategoryId("identity")};
  CHECK(a.findings("CON-007").empty());
}

TEST_CASE("REG-005 fires when a purpose needs consent and the activity rests on another basis, or the reverse",
          "[rules]") {
  Audit a;
  CHECK(a.findings("REG-005").empty());
  a.activity("delivery").purposes.push_back(PurposeId("newsletter"));
  CHECK(a.findings("REG-005") == List{"REG-005 error activity delivery: activity 'delivery' rests on contract "
                                      "(Art. 6(1)(b)) but its purpose newsletter requires consent"});
  a.activity("delivery").purposes = {PurposeId("training")};
  a.activity("mailing").purposes = {PurposeId("training")};
  CHECK(a.findings("REG-005") == List{"REG-005 error activity mailing: activity 'mailing' rests on consent but none "
                                      "of its purposes requires it"});
  // No basis at all is REG-001's.
  a.activity("mailing").bases.clear();
  CHECK(a.findings("REG-005").empty());
}

// ---- retention ----

TEST_CASE("RET-001 fires for a data category without a retention rule", "[rules]") {
  Audit a;
  CHECK(a.findings("RET-001").empty());
  a.activity("delivery").retention.pop_back();
  CHECK(a.findings("RET-001") == List{"RET-001 error activity delivery: activity 'delivery' has no retention rule "
                                      "for data category 'health'"});
}

TEST_CASE("RET-002 counts the holdings past a rule's deadline and whose they are", "[rules]") {
  Audit a;
  a.rule("delivery", "health").overdue = 1;
  a.rule("delivery", "health").overdue_subjects = 1;
  CHECK(a.findings("RET-002") ==
        List{"RET-002 error rule delivery/health [1]: 1 holding of 1 subject in activity 'delivery' past their "
             "deadline (data category 'health', rule 2: 0 days from end of the relationship, then delete)"});
  a.rule("mailing", "contact").overdue = 7;
  a.rule("mailing", "contact").overdue_subjects = 3;
  CHECK(a.findings("RET-002").at(1) ==
        "RET-002 error rule mailing/contact [7]: 7 holdings of 3 subjects in activity 'mailing' past their deadline "
        "(data category 'contact', rule 1: 1 month from consent withdrawal, then delete)");
}

TEST_CASE("RET-002 is silent for holdings under legal hold and for review rules", "[rules]") {
  Audit a;
  a.rule("delivery", "health").held = 4;
  CHECK(a.findings("RET-002").empty());
  a.rule("delivery", "identity").rule.action = RetentionAction::review;
  a.rule("delivery", "identity").overdue = 5;
  a.rule("delivery", "identity").overdue_subjects = 5;
  CHECK(a.findings("RET-002").empty());
}

TEST_CASE("RET-004 names a rule that only says to review at once, not a zero period that deletes", "[rules]") {
  Audit a;
  // delivery's health rule is 0 days, then delete: a period, and silent.
  CHECK(a.findings("RET-004").empty());
  a.activity("delivery").retention.back().action = RetentionAction::review;
  CHECK(a.findings("RET-004") == List{"RET-004 error activity delivery: activity 'delivery' rule 2 sets no retention "
                                      "period for data category 'health': it only says to review at once"});
}

TEST_CASE("RET-003 names the holdings no rule can date, per activity and category", "[rules]") {
  Audit a;
  CHECK(a.findings("RET-003").empty());
  a.facts.undated = {{ActivityId("delivery"), CategoryId("identity"), 12, 9}};
  CHECK(a.findings("RET-003") ==
        List{"RET-003 warning activity delivery/identity [12]: 12 holdings of 9 subjects in activity 'delivery' have "
             "no retention deadline (data category 'identity'): every rule counts from an engagement's end or last "
             "contact, which they lack"});
}

// ---- processors (Art. 28) ----

TEST_CASE("DPA-001 fires for a processor used without a DPA, not for one no activity uses", "[rules]") {
  Audit a;
  CHECK(a.findings("DPA-001").empty());
  a.host().dpa.reset();
  CHECK(a.findings("DPA-001") == List{"DPA-001 error processor host: processor 'host' (Host SAS) has no DPA but "
                                      "activities use it: delivery"});
  a.activity("delivery").processors.clear();
  CHECK(a.findings("DPA-001").empty());
}

TEST_CASE("DPA-002 names the Art. 28(3) clauses a DPA lacks", "[rules]") {
  Audit a;
  CHECK(a.findings("DPA-002").empty());
  std::vector<DpaClause>& clauses = a.host().dpa->clauses;
  clauses.pop_back();
  CHECK(a.findings("DPA-002") ==
        List{"DPA-002 error processor host [1]: the DPA of processor 'host' (Host SAS) lacks a clause: audits (h)"});
  clauses.erase(clauses.begin());
  CHECK(a.findings("DPA-002") == List{"DPA-002 error processor host [2]: the DPA of processor 'host' (Host SAS) "
                                      "lacks clauses: instructions (a), audits (h)"});
}

TEST_CASE("DPA-005 names the particulars of Art. 28(3)'s opening a DPA does not set out", "[rules]") {
  Audit a;
  CHECK(a.findings("DPA-005").empty());
  std::vector<DpaParticular>& set_out = a.host().dpa->particulars;
  set_out.erase(set_out.begin() + 1);  // duration
  CHECK(a.findings("DPA-005") ==
        List{"DPA-005 error processor host [1]: the DPA of processor 'host' (Host SAS) does not set out duration"});
  set_out.clear();
  CHECK(a.findings("DPA-005") ==
        List{"DPA-005 error processor host [7]: the DPA of processor 'host' (Host SAS) does not set out "
             "subject-matter, duration, nature, purpose, type of personal data, categories of data subjects, the "
             "controller's obligations and rights"});
  a.host().dpa.reset();  // no DPA at all is DPA-001's
  CHECK(a.findings("DPA-005").empty());
}

TEST_CASE("DPA-003 fires the day after the review date, not on it", "[rules]") {
  Audit a;
  a.host().dpa->review_on = a.day("2026-06-15");
  CHECK(a.findings("DPA-003").empty());
  a.host().dpa->review_on = a.day("2026-06-14");
  CHECK(a.findings("DPA-003") == List{"DPA-003 warning processor host: the DPA of processor 'host' (Host SAS) was "
                                      "due for review on 2026-06-14"});
}

TEST_CASE("DPA-004 fires for a sub-processor without recorded authorisation", "[rules]") {
  Audit a;
  CHECK(a.findings("DPA-004").empty());
  a.host().subprocessors[0].authorised.reset();
  CHECK(a.findings("DPA-004") == List{"DPA-004 warning processor host: sub-processor 'Sub SAS' of processor 'host' "
                                      "has no recorded authorisation"});
}

// ---- transfers (Chapter V) ----

TEST_CASE("TRF-001 fires for a declared transfer without a Chapter V ground", "[rules]") {
  Audit a;
  CHECK(a.findings("TRF-001").empty());
  a.activity("delivery").transfers = {{"US", "Cloud Inc.", {}}};
  CHECK(a.findings("TRF-001") ==
        List{"TRF-001 error activity delivery: activity 'delivery' transfers data to United States (Cloud Inc.) with "
             "no adequacy decision, safeguard or derogation; the EU decision for US covers only some recipients"});
  a.activity("delivery").transfers = {{"US", "Cloud Inc.", Safeguard::scc_2021}};
  CHECK(a.findings("TRF-001").empty());
  a.activity("delivery").transfers = {{"US", "Cloud Inc.", Safeguard::dpf}};
  CHECK(a.findings("TRF-001").empty());
  a.activity("delivery").transfers = {{"CN", "Cloud Inc.", Safeguard::dpf}};  // the DPF is for the US only
  CHECK(a.findings("TRF-001").size() == 1);
  a.activity("delivery").transfers = {{"JP", "Cloud KK", {}}, {"DE", "", {}}};
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-001 fires for a processor abroad that no declared transfer covers", "[rules]") {
  Audit a;
  a.host().country = "CN";
  CHECK(a.findings("TRF-001") == List{"TRF-001 error activity delivery: activity 'delivery' transfers data to China "
                                      "(Host SAS) with no adequacy decision, safeguard or derogation"});
  a.activity("delivery").transfers = {{"CN", "Host SAS", Safeguard::scc_2021}};
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-001 treats the outermost regions as EU territory and the overseas territories as third countries",
          "[rules]") {
  Audit a;
  a.host().country = "RE";  // Réunion: Art. 355(1) TFEU
  CHECK(a.findings("TRF-001").empty());
  a.host().country = "AX";  // the Åland Islands: Finland, in the EU (Art. 355(4) TFEU)
  CHECK(a.findings("TRF-001").empty());
  a.host().country = "PF";  // French Polynesia: an overseas country and territory
  CHECK(a.findings("TRF-001") == List{"TRF-001 error activity delivery: activity 'delivery' transfers data to French "
                                      "Polynesia (Host SAS) with no adequacy decision, safeguard or derogation"});
}

TEST_CASE("TRF-001 relies on the UK decision until its last day, 27 December 2031, not the day after", "[rules]") {
  Audit a;
  a.activity("delivery").transfers = {{"GB", "Payroll Ltd", Safeguard::adequacy}};
  a.now = a.at("2031-12-27T23:59:59+01:00");
  CHECK(a.findings("TRF-001").empty());
  a.now = a.at("2031-12-28");
  CHECK(a.findings("TRF-001") == List{"TRF-001 error activity delivery: activity 'delivery' transfers data to United "
                                      "Kingdom (Payroll Ltd) with no adequacy decision, safeguard or derogation; the "
                                      "EU decision for GB expired after 2031-12-27"});
  // SCCs do not depend on the decision.
  a.activity("delivery").transfers = {{"GB", "Payroll Ltd", Safeguard::scc_2021}};
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-001 relies on the Brazil decision from 26 January 2026, not the day before", "[rules]") {
  Audit a;
  a.activity("delivery").transfers = {{"BR", "Ensino Ltda", {}}};
  a.now = a.at("2026-01-25T23:59:59+01:00");
  CHECK(a.findings("TRF-001") == List{"TRF-001 error activity delivery: activity 'delivery' transfers data to Brazil "
                                      "(Ensino Ltda) with no adequacy decision, safeguard or derogation; the EU "
                                      "decision for BR applies from 2026-01-26"});
  a.now = a.at("2026-01-26");
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-001 relies on the Canada decision only for a recipient that says PIPEDA covers it", "[rules]") {
  Audit a;
  a.host().country = "CA";
  CHECK(a.findings("TRF-001") == List{"TRF-001 error activity delivery: activity 'delivery' transfers data to Canada "
                                      "(Host SAS) with no adequacy decision, safeguard or derogation; the EU decision "
                                      "for CA covers only some recipients"});
  a.host().covered_by_adequacy = true;
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-001 checks a sub-processor's country like a processor's", "[rules]") {
  Audit a;
  a.host().subprocessors[0].country = "IN";
  CHECK(a.findings("TRF-001") == List{"TRF-001 error activity delivery: activity 'delivery' transfers data to India "
                                      "(Sub SAS, sub-processor of 'host') with no adequacy decision, safeguard or "
                                      "derogation"});
  a.host().subprocessors[0].safeguard = Safeguard::scc_2021;  // module 3, processor to processor
  CHECK(a.findings("TRF-001").empty());
  a.host().subprocessors[0] = {"Sub Ltd", "GB", a.day("2025-01-01"), {}, false};
  CHECK(a.findings("TRF-001").empty());
  a.host().subprocessors[0].country = "MQ";  // Martinique: EU territory
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-002 accepts a derogation for an occasional transfer, not for a recurring one", "[rules]") {
  Audit a;
  CHECK(a.findings("TRF-002").empty());
  Transfer t{"MA", "Partner school", Safeguard::derogation_49_1_b};
  a.activity("delivery").transfers = {t};
  CHECK(a.findings("TRF-002") == List{"TRF-002 error activity delivery: activity 'delivery' transfers data to Morocco "
                                      "(Partner school) on the Art. 49(1)(b) derogation, which grounds only an "
                                      "occasional transfer"});
  CHECK(a.findings("TRF-001").empty());
  t.occasional = true;
  a.activity("delivery").transfers = {t};
  CHECK(a.findings("TRF-002").empty());
  CHECK(a.findings("TRF-001").empty());
}

TEST_CASE("TRF-002 fires for a derogation grounding a processor or a sub-processor", "[rules]") {
  Audit a;
  a.host().country = "CN";
  Transfer t{"CN", "Host SAS", Safeguard::derogation_49_1_a};
  t.occasional = true;
  a.activity("delivery").transfers = {t};
  CHECK(a.findings("TRF-002") == List{"TRF-002 error activity delivery: activity 'delivery' transfers data to China "
                                      "(Host SAS) on an Art. 49 derogation, which cannot ground a processor "
                                      "relationship"});
  CHECK(a.findings("TRF-001").empty());
  a.host().country = "FR";
  a.activity("delivery").transfers.clear();
  a.host().subprocessors[0].country = "IN";
  a.host().subprocessors[0].safeguard = Safeguard::derogation_49_1_b;
  CHECK(a.findings("TRF-002") == List{"TRF-002 error activity delivery: activity 'delivery' transfers data to India "
                                      "(Sub SAS, sub-processor of 'host') on an Art. 49 derogation, which cannot "
                                      "ground a processor relationship"});
}

// ---- consent ----

TEST_CASE("CON-001 fires for data a consent-based activity holds without valid consent", "[rules]") {
  Audit a;
  CHECK(a.findings("CON-001").empty());
  a.counts("mailing").unconsented_holdings = 1;
  a.counts("mailing").unconsented_subjects = 1;
  CHECK(a.findings("CON-001") == List{"CON-001 error activity mailing [1]: activity 'mailing' rests on consent but "
                                      "holds 1 holding of 1 subject with no valid consent (none, refused, "
                                      "withdrawn, ended with the period agreed to, or a child's without the parental co-signature)"});
}

TEST_CASE("CON-001 and CON-003 ignore activities that do not rest on consent", "[rules]") {
  Audit a;
  a.counts("delivery").unconsented_holdings = 2;
  a.counts("delivery").expired_holdings = 2;
  CHECK(a.findings("CON-001").empty());
  CHECK(a.findings("CON-003").empty());
}

TEST_CASE("CON-002 fires for given consents without their proof", "[rules]") {
  Audit a;
  CHECK(a.findings("CON-002").empty());
  a.newsletter().without_proof = 1;
  CHECK(a.findings("CON-002") == List{"CON-002 warning purpose newsletter [1]: 1 given consent for purpose "
                                      "'newsletter' lacks part of its proof (notice version or hash, channel, "
                                      "evidence)"});
  a.newsletter().without_proof = 2;
  CHECK(a.findings("CON-002") == List{"CON-002 warning purpose newsletter [2]: 2 given consents for purpose "
                                      "'newsletter' lack part of their proof (notice version or hash, channel, "
                                      "evidence)"});
}

TEST_CASE("CON-003 fires for data held on a consent past its validity", "[rules]") {
  Audit a;
  CHECK(a.findings("CON-003").empty());
  a.counts("mailing").expired_holdings = 1;
  a.counts("mailing").expired_subjects = 1;
  CHECK(a.findings("CON-003") == List{"CON-003 warning activity mailing [1]: activity 'mailing' still holds 1 holding "
                                      "of 1 subject whose consent has expired"});
}

TEST_CASE("CON-004 fires for minors' consents without co-signature, with the consent age of the country",
          "[rules]") {
  Audit a;
  CHECK(a.findings("CON-004").empty());
  a.facts.minor_consents = 1;
  a.facts.minor_consent_events = {"0123456789abcdef0123456789abcdef"};
  CHECK(a.findings("CON-004") ==
        List{"CON-004 error ledger consent [1]: 1 consent was given by subjects under 15 without the parental "
             "co-consent (events 0123456789abcdef0123456789abcdef)"});
  a.reg.controller.country = "DE";
  CHECK(a.findings("CON-004").at(0).find("under 16 ") != std::string::npos);
}

TEST_CASE("CON-005 fires when the ledger fails verification", "[rules]") {
  Audit a;
  CHECK(a.findings("CON-005").empty());
  a.facts.ledger.problem = "event 1 was modified: its content no longer gives its hash";
  CHECK(a.findings("CON-005") == List{"CON-005 error ledger consent: the consent ledger fails verification: event 1 "
                                      "was modified: its content no longer gives its hash"});
}

TEST_CASE("REG-010 fires for legitimate interests whose interest pursued the register does not state", "[rules]") {
  Audit a;
  CHECK(a.findings("REG-010").empty());  // a contract and consent
  a.activity("mailing").bases = {{LegalBasis::legitimate_interests, {}}};
  a.activity("delivery").bases = {{LegalBasis::legitimate_interests, {PurposeId("training")}, "", "LIA-2026-01"}};
  CHECK(a.findings("REG-010") ==
        List{"REG-010 warning activity delivery: activity 'delivery' rests on legitimate interests for its purpose "
             "training but does not state the interest pursued",
             "REG-010 warning activity mailing: activity 'mailing' rests on legitimate interests but does not state "
             "the interest pursued"});
  a.activity("mailing").bases[0].interest = "keeping our learners informed of new courses";
  a.activity("delivery").bases[0].interest = "following each learner's progress";
  CHECK(a.findings("REG-010").empty());
  // A blank interest in the file is none: the parser trims it away.
  Register reg = manifest::parse_register(
      kRegister.substr(0, kRegister.find("    legal_basis: consent\n")) +
          "    legal_basis: { basis: legitimate-interests, interest: '  ', balancing: LIA-1 }\n" +
          kRegister.substr(kRegister.find("    legal_basis: consent\n") + 25),
      "register.yaml");
  a.reg = reg;
  CHECK(a.findings("REG-010") == List{"REG-010 warning activity mailing: activity 'mailing' rests on legitimate "
                                      "interests but does not state the interest pursued"});
  CHECK(a.findings("REG-011").empty());
}

TEST_CASE("REG-011 fires for legitimate interests that reference no balancing test, and in French", "[rules]") {
  Audit a;
  a.activity("mailing").bases = {{LegalBasis::legitimate_interests, {}, "keeping our learners informed", ""}};
  CHECK(a.findings("REG-010").empty());
  CHECK(a.findings("REG-011") == List{"REG-011 warning activity mailing: activity 'mailing' rests on legitimate "
                                      "interests and references no balancing test"});
  std::vector<std::string> only = {"REG-010", "REG-011"};
  a.activity("mailing").bases[0].interest.clear();
  a.activity("delivery").bases = {{LegalBasis::legitimate_interests, {PurposeId("training")}, "", ""}};
  AuditResult fr = rules::run_audit({a.reg, a.facts, a.now, a.zone}, only);
  REQUIRE(fr.findings.size() == 4);
  CHECK(with_names(fr.findings[0].message.fr, Naming::ids, Lang::fr) ==
        "le traitement 'delivery' repose sur l'intérêt légitime pour sa finalité training "
        "sans indiquer l'intérêt poursuivi");
  CHECK(with_names(fr.findings[3].message.fr, Naming::ids, Lang::fr) ==
        "le traitement 'mailing' repose sur l'intérêt légitime sans référence à une mise "
        "en balance des intérêts");
  a.activity("mailing").bases[0].balancing = "analyse d'intérêt légitime du 2 mars 2026";
  a.activity("delivery").bases[0].balancing = "LIA-2026-01";
  CHECK(a.findings("REG-011").empty());
}

TEST_CASE("CON-006 fires for email canvassing on legitimate interests without a marked L34-5 exception", "[rules]") {
  Audit a;
  CHECK(a.findings("CON-006").empty());  // the newsletter rests on consent
  a.activity("mailing").bases = {{LegalBasis::legitimate_interests, {}}};
  CHECK(a.findings("CON-006") == List{"CON-006 error activity mailing: activity 'mailing' canvasses by email for "
                                      "purpose 'newsletter' on legitimate interests, without the people's consent "
                                      "nor a marked exception"});
  a.reg.purposes.at(1).marketing_exception = MarketingException::existing_customers;
  CHECK(a.findings("CON-006").empty());
  a.reg.purposes.at(1).marketing_exception.reset();
  // Post and phone calls by a person are outside L34-5's prior consent.
  a.reg.purposes.at(1).channels = {Channel::post, Channel::phone};
  CHECK(a.findings("CON-006").empty());
  a.reg.purposes.at(1).channels = {Channel::sms};
  CHECK(a.findings("CON-006").size() == 1);
}

TEST_CASE("CPF-001 fires for a CPF-eligible purpose on a banned channel, naming the channels but post", "[rules]") {
  Audit a;
  a.newsletter().cpf_reached = 1;
  // A purpose that does not promote CPF-eligible actions is outside the ban, whoever it reaches.
  CHECK(a.findings("CPF-001").empty());
  a.reg.purposes.at(1).cpf_eligible = true;
  CHECK(a.findings("CPF-001") == List{"CPF-001 error purpose newsletter [1]: purpose 'newsletter' canvasses 1 person "
                                      "by email for CPF-eligible actions or CPF data, outside any action in progress "
                                      "it is linked to"});
  a.reg.purposes.at(1).channels = {Channel::email, Channel::post, Channel::sms};
  a.newsletter().cpf_reached = 3;
  CHECK(a.findings("CPF-001").at(0).find("canvasses 3 people by email, SMS for") != std::string::npos);
  // Post is not in the law's list.
  a.reg.purposes.at(1).channels = {Channel::post};
  CHECK(a.findings("CPF-001").empty());
}

TEST_CASE("CPF-001 offers no opt-in as a fix", "[rules]") {
  const rules::Rule* rule = rules::find_rule("CPF-001");
  REQUIRE(rule);
  CHECK(std::string(rule->info.fix.en).find("opt-in does not lift the ban") != std::string::npos);
  CHECK(std::string(rule->info.fix.en).find("collect") == std::string::npos);
}

TEST_CASE("GOV-003 fires when a public body has no named DPO or no designation number", "[rules]") {
  Audit a;
  CHECK(a.findings("GOV-003").empty());  // a private body, no large-scale sensitive data
  a.reg.controller.public_body = true;
  CHECK(a.findings("GOV-003") == List{"GOV-003 error controller controller: a DPO is mandatory (a public body) and "
                                      "the number of their designation to the authority is not recorded"});
  a.reg.controller.dpo->designation = "DPO-12345";
  CHECK(a.findings("GOV-003").empty());
  // A mailbox is a contact point, not a DPO.
  a.reg.controller.dpo = Dpo{"", "dpo@test.example", "", "DPO-12345"};
  CHECK(a.findings("GOV-003") == List{"GOV-003 error controller controller: a DPO is mandatory (a public body) but "
                                      "none is designated; a mailbox without a name is a contact point"});
}

TEST_CASE("GOV-003 makes a DPO mandatory from 10,000 people's special-category data, not 9,999", "[rules]") {
  Audit a;
  a.counts("delivery").subjects = 9999;  // delivery holds health data
  CHECK(a.findings("GOV-003").empty());
  a.counts("delivery").subjects = 10000;
  CHECK(a.findings("GOV-003") == List{"GOV-003 error controller controller: a DPO is mandatory (special-category data "
                                      "of 10000 people in 'delivery') and the number of their designation to the "
                                      "authority is not recorded"});
  a.counts("mailing").subjects = 20000;  // no special categories there
  CHECK(a.findings("GOV-003").size() == 1);
}

TEST_CASE("GOV-003 counts large-scale monitoring and criminal-offence data as the register declares them",
          "[rules]") {
  Audit a;
  a.reg.controller.dpo = Dpo{"Jeanne Martin", "dpo@test.example", "", ""};
  a.activity("delivery").data = {CategoryId("identity")};  // no special categories
  a.counts("mailing").subjects = 10000;
  CHECK(a.findings("GOV-003").empty());
  a.activity("mailing").monitoring = true;  // opens and clicks tracked, profiles built
  CHECK(a.findings("GOV-003") == List{"GOV-003 error controller controller: a DPO is mandatory (regular and "
                                      "systematic monitoring of 10000 people in 'mailing') and the number of their "
                                      "designation to the authority is not recorded"});
  a.counts("mailing").subjects = 9999;
  CHECK(a.findings("GOV-003").empty());
  a.reg.data_categories.push_back({CategoryId("record"), "Criminal record extract", false, DataKind::criminal});
  a.activity("delivery").data.push_back(CategoryId("record"));
  a.counts("delivery").subjects = 10000;
  CHECK(a.findings("GOV-003") == List{"GOV-003 error controller controller: a DPO is mandatory (criminal-offence "
                                      "data of 10000 people in 'delivery') and the number of their designation to "
                                      "the authority is not recorded"});
}

// ---- subject requests (Art. 12(3)) ----

TEST_CASE("DSR-001 names each open request past its deadline", "[rules]") {
  Audit a;
  CHECK(a.findings("DSR-001").empty());
  a.facts.requests.late = {request(a, 7, "2026-05-04T10:00:00+02:00", "2026-06-04")};
  CHECK(a.findings("DSR-001") == List{"DSR-001 error request 7: request 7 (erasure) received on 2026-05-04 was due "
                                      "on 2026-06-04 and is still open"});
}

TEST_CASE("DSR-002 names each open request due within 7 days", "[rules]") {
  Audit a;
  CHECK(a.findings("DSR-002").empty());
  // Received late on 19 May in Paris: 18 May in UTC, 19 May on the controller's calendar.
  a.facts.requests.due_soon = {request(a, 8, "2026-05-19T00:30:00+02:00", "2026-06-19")};
  CHECK(a.findings("DSR-002") == List{"DSR-002 warning request 8: request 8 (erasure) received on 2026-05-19 is due "
                                      "on 2026-06-19"});
}

TEST_CASE("a late complaint is DSR-003's warning, never DSR-001's Art. 12(3) error", "[rules]") {
  Audit a;
  SubjectRequest complaint = request(a, 9, "2026-05-04T10:00:00+02:00", "2026-06-04");
  complaint.type = RequestType::complaint;
  a.facts.requests.late = {complaint};
  a.facts.requests.due_soon = {complaint};
  CHECK(a.findings("DSR-001").empty());
  CHECK(a.findings("DSR-002").empty());
  CHECK(a.findings("DSR-003") == List{"DSR-003 warning request 9: request 9 (complaint) received on 2026-05-04 was "
                                      "due on 2026-06-04 and is still open"});
  // An erasure request is not a complaint.
  a.facts.requests.late = {request(a, 7, "2026-05-04T10:00:00+02:00", "2026-06-04")};
  CHECK(a.findings("DSR-003").empty());
  CHECK(a.findings("DSR-001").size() == 1);
}

// ---- breaches (Art. 33, 34) ----

TEST_CASE("BRE-001 fires for a breach to notify once its 72 hours have run out, not at the 72nd hour",
          "[rules]") {
  Audit a;
  BreachFacts b = breach(a.now - std::chrono::hours(72));
  b.notify = true;
  a.facts.breaches = {b};
  CHECK(a.findings("BRE-001").empty());
  a.facts.breaches[0].aware_at -= std::chrono::seconds(1);
  CHECK(a.findings("BRE-001") == List{"BRE-001 error breach BR-2026-001: breach BR-2026-001 needs notifying and is "
                                      "not notified; the 72 hours ran out on 2026-06-14T23:59:59+02:00"});
  a.facts.breaches[0].notified_at = a.now;
  CHECK(a.findings("BRE-001").empty());
  a.facts.breaches[0].notified_at.reset();
  a.facts.breaches[0].notify = false;  // unlikely to result in a risk: nothing to notify
  CHECK(a.findings("BRE-001").empty());
}

TEST_CASE("BRE-002 fires for a notification after 72 hours without reasons", "[rules]") {
  Audit a;
  BreachFacts b = breach(a.at("2026-06-01T09:00:00+02:00"));
  b.notify = true;
  b.notified_at = b.aware_at + std::chrono::hours(72);
  a.facts.breaches = {b};
  CHECK(a.findings("BRE-002").empty());
  a.facts.breaches[0].notified_at = b.aware_at + std::chrono::hours(79) + std::chrono::minutes(1);
  CHECK(a.findings("BRE-002") == List{"BRE-002 error breach BR-2026-001: breach BR-2026-001 was notified 80 hours "
                                      "after it was known, without reasons"});
  a.facts.breaches[0].late_reasons = "the provider told us on day 3";
  CHECK(a.findings("BRE-002").empty());
}

TEST_CASE("BRE-003 fires for a high-risk breach the people were not told of", "[rules]") {
  Audit a;
  BreachFacts b = breach(a.at("2026-06-01T09:00:00+02:00"));
  b.communicate = true;
  a.facts.breaches = {b};
  CHECK(a.findings("BRE-003") == List{"BRE-003 error breach BR-2026-001: breach BR-2026-001 is a high risk to the "
                                      "people and they have not been told"});
  a.facts.breaches[0].communicated_at = a.at("2026-06-02T09:00:00+02:00");
  CHECK(a.findings("BRE-003").empty());
}

TEST_CASE("BRE-004 names the Art. 33(5) items a breach record lacks", "[rules]") {
  Audit a;
  a.facts.breaches = {breach(a.at("2026-06-01T09:00:00+02:00"))};
  CHECK(a.findings("BRE-004").empty());
  a.facts.breaches[0].missing = {"consequences", "measures_taken"};
  CHECK(a.findings("BRE-004") == List{"BRE-004 warning breach BR-2026-001: the record of breach BR-2026-001 lacks "
                                      "consequences, measures_taken"});
}

// ---- governance ----

TEST_CASE("GOV-001 fires with neither a DPO nor a contact point", "[rules]") {
  Audit a;
  a.reg.controller.dpo.reset();
  CHECK(a.findings("GOV-001").empty());  // the contact point is enough
  a.reg.controller.contact.clear();
  CHECK(a.findings("GOV-001") ==
        List{"GOV-001 warning controller controller: no DPO and no contact point are declared"});
  a.reg.controller.dpo = Dpo{"", "", "+33 1 00 00 00 00", ""};
  CHECK(a.findings("GOV-001").empty());
}

TEST_CASE("GOV-002 fires three months after the last review, not a second before", "[rules]") {
  Audit a;
  a.reg.controller.reviewed = a.day("2026-03-15");
  CHECK(a.findings("GOV-002") == List{"GOV-002 warning controller register: the register was last reviewed on "
                                      "2026-03-15, more than 3 months ago"});
  a.now = a.at("2026-06-14T23:59:59+02:00");
  CHECK(a.findings("GOV-002").empty());
}

TEST_CASE("GOV-002 fires for a register never reviewed", "[rules]") {
  Audit a;
  a.reg.controller.reviewed.reset();
  CHECK(a.findings("GOV-002") == List{"GOV-002 warning controller register: the register has never been reviewed"});
}

// ---- key figures ----

TEST_CASE("the overdue-holdings figure adds up what purge rules find, not review rules nor holds", "[rules]") {
  Audit a;
  a.rule("delivery", "health").overdue = 2;
  a.rule("delivery", "health").held = 5;
  a.rule("mailing", "contact").overdue = 3;
  a.rule("delivery", "identity").rule.action = RetentionAction::review;
  a.rule("delivery", "identity").overdue = 11;
  AuditResult result = rules::run_audit({a.reg, a.facts, a.now, a.zone});
  auto kpi = std::find_if(result.kpis.begin(), result.kpis.end(), [](const Kpi& k) { return k.id == "overdue-holdings"; });
  REQUIRE(kpi != result.kpis.end());
  CHECK(kpi->numerator == 5);
  CHECK_FALSE(kpi->share);
}
