// The audit's findings as actions, and what changed between two audits,
// without a store (tests/cli/audit_report_cli_test.cc runs the example).

#include <catch2/catch.hpp>

#include "manifest/register_file.h"
#include "rules/actions.h"
#include "rules/audit.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const Register kReg = manifest::parse_register(
    dpo::test::read_text(dpo::test::source_dir() / "tests/data/audit-org.yaml"), "register.yaml");

Instant at(const char* text) { return *parse_instant(text, *Zone::find("Europe/Paris")); }

Finding of(std::string_view rule, std::string kind, std::string object, std::optional<long long> count) {
  return Finding{rules::find_rule(rule)->info, std::move(kind), std::move(object), count, {}};
}

}  // namespace

TEST_CASE("every rule of the catalogue words its action in both languages", "[rules][actions]") {
  for (const rules::Rule& r : rules::catalogue()) {
    INFO(r.info.id);
    AuditResult result;
    result.findings.push_back(of(r.info.id, "activity", "delivery", 3));
    for (Lang lang : {Lang::en, Lang::fr}) {
      std::vector<Action> actions = rules::group_actions(result, kReg, lang);
      REQUIRE(actions.size() == 1);
      CHECK_FALSE(actions[0].verb.empty());
      CHECK(actions[0].text.starts_with(actions[0].verb));
    }
  }
}

TEST_CASE("one action per rule, its counts added, its activities named once, ranked by severity then reach",
          "[rules][actions]") {
  AuditResult result;
  result.findings = {of("RET-002", "rule", "delivery/identity", 12), of("RET-002", "rule", "delivery/health", 3),
                     of("RET-002", "rule", "mailing/contact", 5),   of("DPA-002", "processor", "host", 1),
                     of("CON-001", "activity", "mailing", 40),      of("CON-003", "activity", "mailing", 400)};
  std::vector<Action> en = rules::group_actions(result, kReg, Lang::en);
  std::vector<std::string> texts;
  for (const Action& a : en) texts.push_back(a.text);
  CHECK(texts == std::vector<std::string>{"Collect consent, or purge the data: 40 holdings in 1 activity",
                                          "Run the purge: 20 holdings in 2 activities",
                                          "Add the missing Art. 28(3) clauses: 1 clause with 1 processor",
                                          "Renew the expired consents: 400 holdings in 1 activity"});
  CHECK(en[1].places.size() == 2);
  std::vector<Action> fr = rules::group_actions(result, kReg, Lang::fr);
  CHECK(fr[1].text == "Lancer la purge\u202F: 20 données dans 2 traitements");
  CHECK(fr[2].text == "Ajouter les clauses manquantes de l'art. 28.3 du RGPD\u202F: 1 clause chez 1 sous-traitant");
}

TEST_CASE("between two audits a finding is opened or closed by its rule and object", "[rules][actions]") {
  RecordedAudit before{at("2026-05-31"),
                       {{"overdue-holdings", 20, {}}},
                       {{"RET-002", Severity::error, "rule", "delivery/identity", 12},
                        {"DPA-002", Severity::error, "processor", "host", 1}}};
  AuditResult now;
  now.findings = {of("RET-002", "rule", "delivery/identity", 2), of("CON-001", "activity", "mailing", 4)};
  now.kpis = {{"overdue-holdings", {"Overdue holdings", "Données à purger"}, 2, 0, false}};
  AuditChanges c = rules::compare(before, now, kReg, Lang::en);
  REQUIRE(c.opened.size() == 1);
  CHECK(c.opened[0].rule.id == "CON-001");
  REQUIRE(c.closed.size() == 1);
  CHECK(c.closed[0].rule.id == "DPA-002");
  CHECK(c.errors_before == 2);
  REQUIRE(c.kpis.size() == 1);
  CHECK(*c.kpis[0].before.numerator == 20);
  CHECK(*c.kpis[0].now.numerator == 2);
  CHECK(c.kpis[0].better == Better::lower);
}
