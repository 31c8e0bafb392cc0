#include <catch2/catch.hpp>

#include "manifest/register_file.h"
#include "report/consent_report.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::report;
using Json = nlohmann::ordered_json;

namespace {

const Zone& paris() {
  static Zone z = *Zone::find("Europe/Paris");
  return z;
}

model::Register example() {
  return manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg;
}

ReceiptEvent given(const char* purpose, const char* at, std::int64_t seq) {
  model::ConsentEvent e;
  e.subject = model::SubjectKey("L-2026-101");
  e.purpose = model::PurposeId(purpose);
  e.at = *parse_instant(at, paris());
  e.channel = model::ConsentChannel::paper;
  return ReceiptEvent{seq, "e" + std::to_string(seq), e, std::string(64, 'a'), std::string(64, 'b')};
}

Json receipt(const model::Register& reg, std::vector<ReceiptEvent> events) {
  ReceiptInput in;
  in.subject = model::SubjectKey("L-2026-101");
  in.record_id = "urn:uuid:0fe6fef4-7b23-8d10-a29a-2b7c0152725c";
  in.events = std::move(events);
  in.as_of = *parse_instant("2026-11-26", paris());
  in.ledger_head = std::string(64, 'c');
  in.ledger_seq = 2;
  return consent_receipt(reg, in, paris());
}

const Json& processing_of(const Json& r, const char* purpose) {
  for (const Json& p : r["processing"])
    if (p["purpose"]["id"] == purpose) return p;
  FAIL("no processing for " << purpose);
  static Json none;
  return none;
}

}  // namespace

TEST_CASE("a receipt states the consent type: explicit where Art. 9(2)(a) rests on it, else expressed",
          "[report][consent]") {
  Json r = receipt(example(), {given("accessibility", "2026-09-01T09:00:00+02:00", 1),
                               given("newsletter", "2026-09-02T09:00:00+02:00", 2)});
  // The accommodation of a disability lifts the Art. 9 ban with explicit consent.
  CHECK(processing_of(r, "accessibility")["consent_type"] == "dpv:ExplicitlyExpressedConsent");
  CHECK(processing_of(r, "accessibility")["legal_basis"] == Json::parse(R"(["eu-gdpr:A6-1-a", "eu-gdpr:A9-2-a"])"));
  CHECK(processing_of(r, "newsletter")["consent_type"] == "dpv:ExpressedConsent");
  CHECK(processing_of(r, "newsletter")["legal_basis"] == Json::parse(R"(["eu-gdpr:A6-1-a"])"));
  // A transfer on the person's explicit consent (Art. 49(1)(a)) makes it explicit too.
  model::Register reg = example();
  for (model::Activity& a : reg.activities)
    if (a.id.str() == "newsletter")
      a.transfers.push_back({"US", "Mailing list host", model::Safeguard::derogation_49_1_a, true, false});
  Json t = receipt(reg, {given("newsletter", "2026-09-02T09:00:00+02:00", 1)});
  CHECK(processing_of(t, "newsletter")["consent_type"] == "dpv:ExplicitlyExpressedConsent");
  CHECK(processing_of(t, "newsletter")["legal_basis"] == Json::parse(R"(["eu-gdpr:A6-1-a", "eu-gdpr:A49-1-a"])"));
  // And the data is then also where it was transferred.
  CHECK(processing_of(t, "newsletter")["storage"][0]["location"] == Json::parse(R"(["loc:FR", "loc:IE", "loc:US"])"));
}

TEST_CASE("a receipt carries the fields ISO/IEC TS 27560 makes mandatory", "[report][consent]") {
  model::Register reg = example();
  Json r = receipt(reg, {given("newsletter", "2026-09-02T09:00:00+02:00", 1)});
  CHECK(r["@id"] == "urn:uuid:0fe6fef4-7b23-8d10-a29a-2b7c0152725c");
  CHECK(r["record_id"] == r["@id"]);
  CHECK(r["subject"]["key"] == "L-2026-101");
  CHECK(r["language"] == "fr");
  CHECK(r["jurisdiction"] == "loc:FR");
  CHECK(r["applicable_law"] == "eu-gdpr:GDPR");
  CHECK(r["created"] == "2026-11-26T00:00:00+01:00");
  // The DPO's contacts as the register gives them (no address is claimed:
  // an external DPO is elsewhere), the controller's postal address beside.
  CHECK(r["controller"]["dpo"] == Json::parse(R"({"name": "Claire Besson",
      "contact": ["dpo@lumen-formation.example", "+33 4 72 00 00 10"], "designation": "DPO-84213"})"));
  CHECK(r["controller"]["address"] == "8 quai Saint-Vincent, 69001 Lyon, France");
  const Json& newsletter = processing_of(r, "newsletter");
  // Stored in France by the controller and in Ireland by the mailing processor.
  CHECK(newsletter["storage"][0] ==
        Json::parse(R"({"@type": "dpv:StorageLocation", "location": ["loc:FR", "loc:IE"]})"));
  REQUIRE(newsletter["storage"].size() == 3);
  CHECK(newsletter["storage"][2]["duration"] == "P3Y");
  CHECK(newsletter["storage"][2]["from"] == "last-contact");
  CHECK(newsletter["storage"][2]["fallback"] == "collected");  // the rule's else:
  CHECK(r["withdrawal"]["right"] == "eu-gdpr:A7-3");
  CHECK(r["withdrawal"]["contact"] ==
        Json::parse(R"(["dpo@lumen-formation.example", "contact@lumen-formation.example"])"));
  CHECK(r["withdrawal"]["method"].get<std::string>().starts_with("Vous pouvez retirer votre consentement"));
  CHECK(r["events"][0]["consent_status"] == "dpv:ConsentGiven");
  CHECK(r["status"]["purposes"][0]["consent_status"] == "dpv:ConsentGiven");
  // Every key the receipt writes is a term of its context.
  const Json& context = receipt_context();
  std::function<void(const Json&)> walk = [&](const Json& j) {
    if (j.is_array())
      for (const Json& v : j) walk(v);
    if (!j.is_object()) return;
    for (const auto& item : j.items()) {
      if (item.key() == "@context") continue;
      if (!item.key().starts_with("@")) CHECK(context.contains(item.key()));
      walk(item.value());
    }
  };
  walk(r);
}
