#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include "consent/verify.h"
#include "manifest/register_file.h"
#include "store/consent_store.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const Instant kNow = from_unix(1795000000);

struct Ledger {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  Ledger(int events) {
    Register reg = manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg;
    store::Transaction tx(s);
    (void)store::save_register(s, reg, "register.yaml");
    store::SubjectWriter subjects(s, reg);
    Subject sub;
    sub.key = SubjectKey("L-1");
    (void)subjects.write(sub);
    store::ConsentWriter writer(s);
    for (int i = 0; i < events; ++i) {
      ConsentEvent e;
      e.subject = SubjectKey("L-1");
      e.purpose = PurposeId("newsletter");
      e.action = i % 2 ? ConsentAction::withdrawn : ConsentAction::given;
      e.at = kNow + std::chrono::hours(i);
      e.notice_sha256 = std::string(64, 'b');
      (void)writer.append(e, 1);
    }
    tx.commit();
  }
  std::optional<consent::ChainProblem> verify(std::int64_t* events = nullptr) {
    store::ChainStart start = store::chain_start(s);
    consent::ChainVerifier v(start.hash, start.through_seq);
    store::for_each_consent(s, [&](const store::StoredConsent& c) {
      return v.add({c.seq, c.hash, c.prev, chain_hash(c.event, c.prev)});
    });
    auto problem = v.finish();
    if (events) *events = v.events();
    return problem;
  }
};

}  // namespace

TEST_CASE("appending chains each event to the one before", "[consent-store]") {
  Ledger l(3);
  std::vector<store::StoredConsent> rows;
  store::for_each_consent(l.s, [&](const store::StoredConsent& c) {
    rows.push_back(c);
    return true;
  });
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].prev == genesis_hash());
  CHECK(rows[1].prev == rows[0].hash);
  CHECK(rows[2].hash == chain_hash(rows[2].event, rows[1].hash));
  CHECK(rows[2].id == consent_event_id(rows[2].event));
  CHECK_FALSE(l.verify());
}

TEST_CASE("cutting old proof records a checkpoint and the rest still verifies", "[consent-store]") {
  Ledger l(10);
  {
    store::Transaction tx(l.s);
    CHECK(store::cut_consent_proof(l.s, 4, kNow, "proof retention P5Y") == 4);
    tx.commit();
  }
  std::int64_t events = 0;
  CHECK_FALSE(l.verify(&events));
  CHECK(events == 6);
  CHECK(store::chain_start(l.s).through_seq == 4);
  // New events still chain on after the cut.
  {
    store::Transaction tx(l.s);
    store::ConsentWriter writer(l.s);
    ConsentEvent e;
    e.subject = SubjectKey("L-1");
    e.purpose = PurposeId("newsletter");
    e.action = ConsentAction::withdrawn;
    e.at = kNow + std::chrono::hours(100);
    CHECK(writer.append(e, 1).seq == 11);
    tx.commit();
  }
  CHECK_FALSE(l.verify(&events));
  CHECK(events == 7);
}

TEST_CASE("deleting the oldest events without a checkpoint breaks the chain", "[consent-store]") {
  Ledger l(5);
  SQLite::Database db((l.dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
  db.exec("DELETE FROM consent_event WHERE seq <= 2");
  std::optional<consent::ChainProblem> p = l.verify();
  REQUIRE(p);
  CHECK(p->str() == "events 1 to 2 were deleted");
}

TEST_CASE("the same event is appended once", "[consent-store]") {
  Ledger l(2);
  store::Transaction tx(l.s);
  store::ConsentWriter writer(l.s);
  ConsentEvent e;
  e.subject = SubjectKey("L-1");
  e.purpose = PurposeId("newsletter");
  e.action = ConsentAction::given;
  e.at = kNow;
  e.notice_sha256 = std::string(64, 'b');
  store::ConsentWriter::Appended again = writer.append(e, 1);
  CHECK_FALSE(again.added);
  CHECK(again.seq == 1);
  CHECK(writer.head_seq() == 2);
}
