#include <catch2/catch.hpp>

#include "manifest/register_file.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const Instant kNow = from_unix(1795000000);

struct Fixture {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Register reg = manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg;
  Fixture() {
    store::Transaction tx(s);
    (void)store::save_register(s, reg, "register.yaml");
    tx.commit();
  }
  store::SubjectCounts write(const std::vector<Subject>& subjects, std::vector<std::string>* refused = nullptr) {
    store::Transaction tx(s);
    store::SubjectWriter w(s, reg);
    for (const Subject& sub : subjects)
      if (auto taken = w.write(sub); !taken.empty() && refused) refused->push_back(taken.front());
    tx.commit();
    return w.counts();
  }
};

Subject learner() {
  Subject s;
  s.key = SubjectKey("L-1");
  s.identifiers = {{"email", "ana@mail.example"}, {"crm", "C-1"}};
  s.cpf_funded = true;
  s.engagements.push_back({ActivityId("training-delivery"), from_unix(1760000000), from_unix(1765000000), {}});
  s.holdings.push_back({ActivityId("training-delivery"), CategoryId("identity"), "crm", from_unix(1759000000),
                        "Ana Lopez", ""});
  s.holdings.push_back({ActivityId("training-delivery"), CategoryId("assessment"), "lms", from_unix(1765000000), "",
                        "lms:users/1/grades"});
  return s;
}

}  // namespace

TEST_CASE("writing the same subject twice changes nothing", "[subject-store]") {
  Fixture f;
  store::SubjectCounts first = f.write({learner()});
  CHECK(first.subjects_added == 1);
  CHECK(first.identifiers_added == 2);
  CHECK(first.engagements_added == 1);
  CHECK(first.holdings_added == 2);
  store::SubjectCounts second = f.write({learner()});
  CHECK(second.subjects_added + second.subjects_changed + second.identifiers_added + second.engagements_added +
            second.engagements_changed + second.holdings_added + second.holdings_changed ==
        0);
}

TEST_CASE("a record merges into the stored subject: given fields set, omitted fields kept", "[subject-store]") {
  Fixture f;
  (void)f.write({learner()});
  Subject update;
  update.key = SubjectKey("L-1");
  update.legal_hold = true;
  update.engagements.push_back({ActivityId("training-delivery"), {}, {}, from_unix(1770000000)});
  store::SubjectCounts c = f.write({update});
  CHECK(c.subjects_changed == 1);
  CHECK(c.engagements_changed == 1);
  std::optional<store::SubjectView> v = store::find_subject(f.s, SubjectKey("L-1"));
  REQUIRE(v);
  CHECK(v->cpf_funded);
  CHECK(v->legal_hold);
  CHECK(v->identifiers.size() == 2);
  REQUIRE(v->engagements.size() == 1);
  CHECK(v->engagements[0].started == from_unix(1760000000));
  CHECK(v->engagements[0].last_contact == from_unix(1770000000));
  CHECK(v->holdings.size() == 2);
}

TEST_CASE("a holding implies the engagement it belongs to", "[subject-store]") {
  Fixture f;
  Subject p;
  p.key = SubjectKey("P-1");
  p.holdings.push_back({ActivityId("newsletter"), CategoryId("contact"), "mailer", kNow, "p@mail.example", ""});
  CHECK(f.write({p}).engagements_added == 1);
  std::optional<store::SubjectView> v = store::find_subject(f.s, SubjectKey("P-1"));
  REQUIRE(v->engagements.size() == 1);
  CHECK_FALSE(v->engagements[0].started);
}

TEST_CASE("an identifier of another subject refuses the whole record", "[subject-store]") {
  Fixture f;
  (void)f.write({learner()});
  Subject thief;
  thief.key = SubjectKey("L-2");
  thief.identifiers = {{"email", "ana@mail.example"}};
  thief.holdings.push_back({ActivityId("newsletter"), CategoryId("contact"), "mailer", kNow, "x@mail.example", ""});
  std::vector<std::string> refused;
  store::SubjectCounts c = f.write({thief}, &refused);
  CHECK(refused == std::vector<std::string>{"email"});
  CHECK(c.subjects_added == 0);
  CHECK_FALSE(store::find_subject(f.s, SubjectKey("L-2")));
}

TEST_CASE("subjects are found by a normalised email or phone number", "[subject-store]") {
  Fixture f;
  Subject s = learner();
  s.identifiers.push_back({"phone", *normalise_identifier("phone", "+33 6 12 34 56 78", "FR")});
  (void)f.write({s});
  CHECK(store::find_by_identifier(f.s, "email", " ANA@mail.example ")->str() == "L-1");
  for (const char* written : {"+33 (0)6 12.34.56.78", "06 12 34 56 78", "0612345678", "0033612345678"}) {
    INFO(written);
    CHECK(store::find_by_identifier(f.s, "phone", written)->str() == "L-1");
  }
  CHECK_FALSE(store::find_by_identifier(f.s, "email", "nobody@mail.example"));
  CHECK_FALSE(store::find_by_identifier(f.s, "phone", "06 12 34 56 79"));
  CHECK_THROWS_WITH(store::find_by_identifier(f.s, "phone", "06 12 34"),
                    "the phone number sought is not a valid number (one without its country code is read as FR's); "
                    "write it whole, like +33 6 12 34 56 78");
}

TEST_CASE("a name, postal address and form of address are kept with the subject, and a change counts",
          "[subject-store]") {
  Fixture f;
  Subject a = learner();
  a.name = "Marie Dupont";
  a.postal_address = std::vector<std::string>{"Appartement 4", "8 quai Saint-Vincent", "69001 Lyon"};
  a.civility = Civility::madam;
  // Another Marie Dupont: a name is no identifier, so both are held.
  Subject b;
  b.key = SubjectKey("L-2");
  b.name = "Marie Dupont";
  std::vector<std::string> refused;
  store::SubjectCounts first = f.write({a, b}, &refused);
  CHECK(refused.empty());
  CHECK(first.subjects_added == 2);
  std::optional<store::SubjectView> v = store::find_subject(f.s, SubjectKey("L-1"));
  REQUIRE(v);
  CHECK(v->addressee == Addressee{"Marie Dupont", {"Appartement 4", "8 quai Saint-Vincent", "69001 Lyon"},
                                  Civility::madam});
  CHECK(v->identifiers.size() == 2);
  CHECK(store::find_subject(f.s, SubjectKey("L-2"))->addressee.name == "Marie Dupont");
  // The same again changes nothing; a line without them keeps them.
  CHECK(f.write({a}).subjects_changed == 0);
  Subject bare;
  bare.key = SubjectKey("L-1");
  CHECK(f.write({bare}).subjects_changed == 0);
  CHECK(store::find_subject(f.s, SubjectKey("L-1"))->addressee.civility == Civility::madam);
  // A new address replaces the old one, and the subject counts as changed.
  Subject moved;
  moved.key = SubjectKey("L-1");
  moved.postal_address = std::vector<std::string>{"2 rue Haute", "69002 Lyon"};
  moved.civility = Civility::sir;
  CHECK(f.write({moved}).subjects_changed == 1);
  v = store::find_subject(f.s, SubjectKey("L-1"));
  CHECK(v->addressee == Addressee{"Marie Dupont", {"2 rue Haute", "69002 Lyon"}, Civility::sir});
}
