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
  CHECK(a.conclusion.en ==
        "high risk: notify the supervisory authority (Art. 33) and tell the people affected (Art. 34)");
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

TEST_CASE("special categories make the data sensitive, and encryption exempts from telling the people",
          "[breach]") {
  Incident i = incident("laptop-theft.yaml");
  i.data.push_back(CategoryId("disability"));
  Assessment a = breach::assess(i, example());
  CHECK(a.dpc_score == 4);
  CHECK(a.severity == 4);
  CHECK(a.risk == Risk::very_high);
  CHECK(a.communicate());
  i.context.encryption = Encryption::state_of_the_art;
  Assessment encrypted = breach::assess(i, example());
  CHECK(encrypted.severity == 3.5);  // confidentiality 0, malicious 0.5
  CHECK(encrypted.high_risk);
  REQUIRE(encrypted.exemption);
  CHECK_FALSE(encrypted.communicate());
  // Vulnerable people raise a context below the maximum.
  Incident vulnerable = incident("misdelivered-email.yaml");
  vulnerable.context.vulnerable_subjects = true;
  CHECK(breach::assess(vulnerable, example()).dpc_score == 2);
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
