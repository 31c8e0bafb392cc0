#include <catch2/catch.hpp>

#include <string>

#include "manifest/register_file.h"
#include "report/notice_report.h"

using namespace dpo;
using namespace dpo::report;

namespace {

// What the example does not show: legitimate interests, a contract, an
// automated decision, clauses and an adequacy decision, another authority,
// no DPO.
const char* const kRegister = R"(version: 1
controller:
  name: Test Org
  address: 1 rue de Rivoli, 75001 Paris
  contact: privacy@test.example
  authority: Garante
  country: FR
  timezone: Europe/Paris
  language: en
data_categories:
  - { id: identity, label: Identity }
  - { id: usage, label: Usage logs }
purposes:
  - { id: fraud, label: Preventing fraud }
  - { id: scoring, label: Credit scoring }
processors:
  - id: host
    name: Host Inc.
    country: US
    services: [hosting]
    dpa: { signed: 2024-01-01, clauses: [instructions] }
activities:
  - id: checks
    name: Credit checks
    purposes: [fraud, scoring]
    legal_basis:
      - { basis: legitimate-interests, purposes: [fraud], interest: keeping fraudsters from borrowing in another's name,
          balancing: LIA of 2 March 2026 }
      - { basis: contract, purposes: [scoring] }
    data: [identity, usage]
    recipients: [risk team]
    processors: [host]
    transfers:
      - { country: US, recipient: Host Inc., safeguard: scc-2021 }
      - { country: CH, recipient: Swiss office }
    source: credit bureaus
    automated_decisions: a score below 40 refuses the credit
    retention:
      - { data: [identity, usage], keep: P13M, from: collected, action: delete }
)";

struct Fixture {
  model::Register reg = manifest::parse_register(kRegister, "r.yaml");
  const model::Activity& checks = *reg.activity(model::ActivityId("checks"));
  NoticeInput input(NoticeArticle article = NoticeArticle::art13) const {
    NoticeInput in{reg, checks, checks.purposes};
    in.article = article;
    return in;
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a notice states the register's legitimate interest, the automated decision and each transfer's ground",
          "[notice]") {
  Fixture f;
  std::string text = render_notice(f.input(), "text", Lang::en);
  CHECK(has(text, "- Preventing fraud: legitimate interests (Art. 6(1)(f)), for this legitimate interest: "
                  "keeping fraudsters from borrowing in another's name\n"));
  // The balancing test is the controller's record, not the notice's.
  CHECK(!has(text, "LIA"));
  CHECK(has(text, "- Credit scoring: contract (Art. 6(1)(b))\n"));
  CHECK(has(text, "Your data is used for a decision based solely on automated processing (Art. 22): a score "
                  "below 40 refuses the credit. You may obtain human intervention"));
  CHECK(has(text, "- United States (Host Inc.): standard contractual clauses (2021) (Art. 46(2)(c))\n"));
  CHECK(has(text, "- Switzerland (Swiss office): adequacy decision (Art. 45)\n"));
  CHECK(has(text, "You may obtain a copy of these safeguards from privacy@test.example.\n"));
  // No DPO: the controller's contact; another authority than the CNIL, named.
  CHECK(!has(text, "Data protection officer"));
  CHECK(has(text, "To exercise them, write to us: privacy@test.example.\n"));
  CHECK(has(text, "lodge a complaint with the supervisory authority, Garante (Art. 77)."));
  // Objection on legitimate interests, portability on a contract; no consent to withdraw.
  CHECK(has(text, "- the right to object (Art. 21)\n"));
  CHECK(has(text, "- the right to data portability (Art. 20)\n"));
  CHECK(!has(text, "withdraw"));
  // Two bases: whether the data must be given, purpose by purpose.
  CHECK(has(text, "- Credit scoring: your data is needed to conclude and perform the contract"));
  CHECK(has(text, "- Preventing fraud: providing your data is neither a statutory nor a contractual requirement.\n"));
}

TEST_CASE("an Art. 14 notice names the data and its source, and drops the duty to provide it", "[notice]") {
  Fixture f;
  std::string text = render_notice(f.input(NoticeArticle::art14), "text", Lang::fr);
  CHECK(has(text, "Conformément à l'article 14 du RGPD"));
  CHECK(has(text, "Catégories de données\n---------------------\n\n- Identity\n- Usage logs\n"));
  CHECK(has(text, "Ces données proviennent de\u202F: credit bureaus.\n"));
  CHECK(!has(text, "Caractère obligatoire"));
  // Not provided by the person: no portability (Art. 20(1)).
  CHECK(!has(text, "portabilité"));
}

TEST_CASE("a notice is refused without the interest it must state or the source it must name", "[notice]") {
  Fixture f;
  CHECK(notice_errors(f.input(NoticeArticle::art14)).empty());
  f.reg.activities[0].bases[0].interest.clear();
  CHECK(notice_errors(f.input(NoticeArticle::art14)) ==
        std::vector<std::string>{"purpose 'fraud' rests on legitimate interests, whose interest pursued the notice "
                                 "must state (Art. 13(1)(d), 14(2)(b)); write it as 'interest' beside "
                                 "'legitimate-interests' in the legal_basis of activity 'checks' in the register"});
  model::Register reg = f.reg;
  reg.activities[0].source.clear();
  NoticeInput no_source{reg, reg.activities[0], {model::PurposeId("scoring")}, NoticeArticle::art14};
  CHECK(notice_errors(no_source) ==
        std::vector<std::string>{"activity 'checks' gives no source, which an Art. 14 notice must name (Art. "
                                 "14(2)(f)); write it in its 'source' in the register"});
  no_source.article = NoticeArticle::art13;
  CHECK(notice_errors(no_source).empty());
}

TEST_CASE("a notice in html escapes what the register says and prints without a width limit", "[notice]") {
  Fixture f;
  f.reg.activities[0].recipients = {"<script>alert(1)</script>"};
  std::string html = render_notice(f.input(), "html", Lang::en);
  CHECK(has(html, "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"));
  CHECK(!has(html, "<script>"));
  CHECK(has(html, "@media print{body{max-width:none"));
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

TEST_CASE("the SHA-256 line reads as sha256sum writes it", "[notice]") {
  CHECK(sha256_line("ab", "-") == "ab  -\n");
  CHECK(sha256_line("ab", "notice.txt") == "ab  notice.txt\n");
}
