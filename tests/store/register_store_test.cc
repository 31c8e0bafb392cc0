#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "manifest/register_file.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const Instant kNow = from_unix(1795000000);

Register example() { return manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg; }

store::ChangeSet import(store::Store& s, const Register& reg) {
  store::Transaction tx(s);
  store::ChangeSet c = store::save_register(s, reg, "register.yaml").tables;
  tx.commit();
  return c;
}

}  // namespace

TEST_CASE("importing the same register twice changes no row", "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  store::ChangeSet first = import(s, example());
  CHECK(first.at("activity").added == 8);
  CHECK(first.at("retention_rule").added == 27);
  CHECK(first.at("dpa_clause").added == 38);
  CHECK(import(s, example()).empty());
}

TEST_CASE("the stored register reads back equal to the file", "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Register reg = example();
  (void)import(s, reg);
  std::optional<Register> back = store::load_register(s);
  REQUIRE(back);
  // Compare field by field through the renderer-independent JSON shape.
  CHECK(back->purposes == reg.purposes);
  CHECK(back->processors == reg.processors);
  CHECK(back->activities.size() == reg.activities.size());
  for (std::size_t i = 0; i < reg.activities.size(); ++i) {
    const Activity& a = reg.activities[i];
    const Activity& b = back->activities[i];
    CHECK(a.id == b.id);
    CHECK(a.purposes == b.purposes);
    CHECK(a.data == b.data);
    CHECK(a.recipients == b.recipients);
    CHECK(a.security == b.security);
    CHECK(a.transfers == b.transfers);
    CHECK(a.retention.size() == b.retention.size());
    for (std::size_t r = 0; r < a.retention.size(); ++r) {
      CHECK(a.retention[r].data == b.retention[r].data);
      CHECK(a.retention[r].keep == b.retention[r].keep);
      CHECK(a.retention[r].basis == b.retention[r].basis);
    }
  }
  CHECK(back->controller.dpo->phone == "+33 4 72 00 00 10");
  CHECK(back->controller.dpo->designation == "DPO-84213");
  CHECK(back->controller.sector == "formation professionnelle continue");
  CHECK(back->controller.headcount == 24);
  CHECK(s.zone().name() == "Europe/Paris");
}

TEST_CASE("a changed register updates only what changed", "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Register reg = example();
  (void)import(s, reg);

  reg.activities[0].security.push_back("pentest-yearly");
  reg.processors[1].dpa->clauses.push_back(DpaClause::audits);
  reg.activities.pop_back();  // the newsletter goes
  store::ChangeSet c = import(s, reg);
  CHECK(c.at("activity_security").added == 1);
  CHECK(c.at("dpa_clause").added == 1);
  CHECK(c.at("activity").removed == 1);
  CHECK(c.size() == 3);
  CHECK(store::load_register(s)->activities.size() == 7);
}

TEST_CASE("the interest pursued and the balancing test read back, and changing them changes the activity",
          "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Register reg = example();
  Activity& alumni = reg.activities.at(4);
  REQUIRE(alumni.id.str() == "alumni-community");
  alumni.bases = {{LegalBasis::legitimate_interests, {alumni.purposes.at(0)}, "garder le lien", "AIL du 3 mars 2026"}};
  (void)import(s, reg);
  CHECK(store::load_register(s)->activity(alumni.id)->bases == alumni.bases);
  // The whole activity on legitimate interests, with no balancing test.
  alumni.bases = {{LegalBasis::legitimate_interests, {}, "garder le lien", ""}};
  store::Transaction tx(s);
  store::RegisterChanges changed = store::save_register(s, reg, "register.yaml");
  CHECK(changed.activities.changed == std::vector<std::string>{"alumni-community"});
  CHECK(store::load_register(s)->activity(alumni.id)->bases == alumni.bases);
  // Another basis keeps no interest.
  alumni.bases = {{LegalBasis::consent, {}}};
  (void)store::save_register(s, reg, "register.yaml");
  tx.commit();
  SQLite::Database db((dir / "dpo.sqlite").string());
  CHECK(db.execAndGet("SELECT count(*) FROM activity WHERE interest IS NOT NULL OR balancing IS NOT NULL").getInt() ==
        0);
}

TEST_CASE("a register that drops an activity still holding data is refused, store unchanged", "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Register reg = example();
  (void)import(s, reg);
  {
    store::Transaction tx(s);
    store::SubjectWriter w(s, reg);
    Subject sub;
    sub.key = SubjectKey("P-1");
    sub.holdings.push_back(
        Holding{ActivityId("newsletter"), CategoryId("contact"), "mailer", kNow, "p1@mail.example", ""});
    CHECK(w.write(sub).empty());
    tx.commit();
  }
  Register without = reg;
  without.activities.pop_back();
  try {
    (void)import(s, without);
    FAIL("dropped an activity in use");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].str() ==
          "activity 'newsletter' is missing, but 1 subjects are engaged in it at register.yaml (keep it in the "
          "register until 'dpo purge' has erased its data)");
  }
  CHECK(store::load_register(s)->activities.size() == 8);

  Register narrower = reg;
  narrower.activities.back().data.clear();
  narrower.activities.back().retention.clear();
  try {
    (void)import(s, narrower);
    FAIL("dropped a category in use");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().at(0).message ==
          "activity 'newsletter' no longer lists data category 'contact', but holdings of it remain");
  }
  CHECK(import(s, reg).empty());
}

TEST_CASE("the store's register is required before subjects", "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  CHECK_FALSE(store::load_register(s));
  try {
    (void)store::require_register(s);
    FAIL("no register");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::invalid_input);
    CHECK(std::string(e.what()) == "the store has no register yet (run 'dpo register import FILE' first)");
  }
}

namespace {

// Imports `reg` as `dpo register import` does: the rows, then the journal record.
void import_at(store::Store& s, const Register& reg, Instant at) {
  store::Transaction tx(s);
  store::RegisterChanges c = store::save_register(s, reg, "register.yaml");
  store::append_journal(s, at, {"register import", "register.yaml", store::journal_counts(c)});
  tx.commit();
}

}  // namespace

TEST_CASE("an import's journal record names the activities it added, changed and removed", "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Register reg = example();
  store::Transaction tx(s);
  store::RegisterChanges first = store::save_register(s, reg, "register.yaml");
  CHECK(first.activities.added.size() == 8);
  CHECK(first.activities.added.front() == "training-delivery");
  reg.activities[1].recipients.push_back("auditor");
  reg.activities.pop_back();
  store::RegisterChanges second = store::save_register(s, reg, "register.yaml");
  nlohmann::json counts = nlohmann::json::parse(store::journal_counts(second));
  CHECK(counts["activity"]["removed"] == 1);
  CHECK(counts["activity_ids"].dump() == R"({"added":[],"changed":["funding-management"],"removed":["newsletter"]})");
  store::RegisterChanges same = store::save_register(s, reg, "register.yaml");
  CHECK(same.empty());
  CHECK(same.activities.added.empty());
  CHECK(same.activities.changed.empty());
  CHECK(same.activities.removed.empty());
}

TEST_CASE("each activity is dated by the first import that added it and the last that changed it",
          "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  CHECK_FALSE(store::register_history(s));
  const Instant t1 = from_unix(1767600000), t2 = t1 + std::chrono::days(30), t3 = t2 + std::chrono::days(30);
  Register reg = example();
  Register without = reg;
  without.activities.pop_back();  // the newsletter, removed at t2 and added again at t3
  import_at(s, reg, t1);
  without.activities[0].security.push_back("pentest-yearly");
  import_at(s, without, t2);
  reg.activities[0].security.push_back("pentest-yearly");
  import_at(s, reg, t3);
  import_at(s, reg, t3 + std::chrono::days(1));  // no change
  std::optional<RegisterHistory> h = store::register_history(s);
  REQUIRE(h);
  CHECK(h->first_import == t1);
  CHECK(h->last_import == t3 + std::chrono::days(1));
  CHECK(h->activities.size() == 8);
  CHECK(h->activities.at(ActivityId("training-delivery")).created == t1);
  CHECK(h->activities.at(ActivityId("training-delivery")).updated == t2);
  CHECK(h->activities.at(ActivityId("funding-management")).created == t1);
  CHECK(h->activities.at(ActivityId("funding-management")).updated == t1);
  CHECK(h->activities.at(ActivityId("newsletter")).created == t3);
  CHECK(h->activities.at(ActivityId("newsletter")).updated == t3);
}

TEST_CASE("an activity imported before the journal named activities takes the first import's date",
          "[register-store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  const Instant t1 = from_unix(1767600000), t2 = t1 + std::chrono::days(10), t3 = t2 + std::chrono::days(10);
  Register reg = example();
  {
    // As an older dpokit recorded an import: counts per table, no ids.
    store::Transaction tx(s);
    store::RegisterChanges c = store::save_register(s, reg, "register.yaml");
    CHECK(c.tables.at("activity").added == 8);
    store::append_journal(s, t1, {"register import", "register.yaml", R"({"activity":{"added":8,"changed":0,"removed":0}})"});
    tx.commit();
  }
  {
    store::Transaction tx(s);
    store::append_journal(s, t2, {"register import", "register.yaml", R"({"activity":{"added":0,"changed":1,"removed":0}})"});
    tx.commit();
  }
  reg.activities[2].name = "Feedback and complaints";
  import_at(s, reg, t3);
  std::optional<RegisterHistory> h = store::register_history(s);
  REQUIRE(h);
  CHECK(h->activities.at(ActivityId("training-delivery")).created == t1);
  CHECK(h->activities.at(ActivityId("training-delivery")).updated == t1);
  CHECK(h->activities.at(ActivityId("quality-feedback")).created == t1);
  CHECK(h->activities.at(ActivityId("quality-feedback")).updated == t3);
}
