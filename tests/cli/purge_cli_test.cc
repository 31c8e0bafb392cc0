#include <catch2/catch.hpp>
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <map>
#include <regex>
#include <set>
#include <sqlite3.h>
#include <sstream>
#include <thread>

#include "base/crypto.h"
#include "base/strings.h"
#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

// Every trigger and every action, one rule each.
const std::string kRegister = R"(version: 1
controller: { name: Test Org, contact: c@test.example, country: FR, timezone: Europe/Paris, language: en, reviewed: 2026-06-01 }
data_categories:
  - { id: identity, label: Identity }
  - { id: assessment, label: Assessment }
  - { id: attendance, label: Attendance }
  - { id: health, label: Health, special: true }
  - { id: contact, label: Contact }
  - { id: community, label: Community posts }
  - { id: funding, label: Funding }
purposes:
  - { id: training, label: Training }
  - { id: newsletter, label: Newsletter, consent: required, validity: P1Y, marketing: true, channels: [email] }
  - { id: alumni, label: Alumni, consent: required, validity: P1Y }
  - { id: prospecting, label: Prospecting }
  - { id: funding, label: Funding }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    data: [identity, assessment, attendance, health]
    retention:
      - { data: [identity], keep: P1Y, from: end, action: delete }
      - { data: [assessment], keep: P6M, from: end, action: anonymise }
      - { data: [attendance], keep: P2Y, from: collected, action: delete }
      - { data: [health], keep: P0D, from: end, action: review }
  - id: mailing
    name: Mailing
    purposes: [newsletter]
    legal_basis: consent
    data: [contact]
    retention:
      - { data: [contact], keep: P1M, from: consent-withdrawn, action: delete }
  - id: community
    name: Community
    purposes: [alumni]
    legal_basis: consent
    data: [community]
    retention:
      - { data: [community], keep: P0D, from: consent-expired, action: anonymise }
  - id: prospects
    name: Prospects
    purposes: [prospecting]
    legal_basis: legitimate-interests
    data: [contact]
    retention:
      - { data: [contact], keep: P3Y, from: last-contact, action: delete }
  - id: funding
    name: Funding
    purposes: [funding]
    legal_basis: legal-obligation
    data: [funding]
    retention:
      - { data: [funding], keep: P10Y, from: end, action: delete }
)";

// S-1 has one holding under every rule; S-2 is under legal hold.
const std::string kSubjects = R"({"key": "S-1", "identifiers": {"email": "s1@mail.example"}, "engagements": [{"activity": "delivery", "started": "2025-11-03", "ended": "2026-01-31"}, {"activity": "prospects", "started": "2023-01-01", "last_contact": "2023-05-01"}, {"activity": "funding", "started": "2025-11-03", "ended": "2026-01-31"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": "Sam Secret"}, {"activity": "delivery", "data": "assessment", "system": "lms", "collected": "2026-01-31", "value": "grade 17"}, {"activity": "delivery", "data": "attendance", "system": "esign", "collected": "2024-06-01", "ref": "esign:envelopes/1"}, {"activity": "delivery", "data": "health", "system": "crm", "collected": "2025-11-03", "value": "needs a ramp"}, {"activity": "mailing", "data": "contact", "system": "mailer", "collected": "2025-01-01", "value": "s1@mail.example"}, {"activity": "community", "data": "community", "system": "forum", "collected": "2025-02-01", "ref": "forum:members/1"}, {"activity": "prospects", "data": "contact", "system": "crm", "collected": "2023-01-01", "value": "s1@mail.example"}, {"activity": "funding", "data": "funding", "system": "accounting", "collected": "2025-11-03", "value": "CPF file 123"}]}
{"key": "S-2", "legal_hold": true, "engagements": [{"activity": "delivery", "started": "2025-11-03", "ended": "2026-01-31"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": "Held Person"}]}
)";

const std::string kNotice = "b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7";
const std::string kConsents =
    R"({"subject": "S-1", "purpose": "newsletter", "action": "given", "at": "2025-01-01T10:00:00+01:00", "channel": "web-form", "notice": {"sha256": ")" +
    kNotice + R"("}, "evidence": "f:1"}
{"subject": "S-1", "purpose": "newsletter", "action": "withdrawn", "at": "2026-03-01T10:00:00+01:00"}
{"subject": "S-1", "purpose": "alumni", "action": "given", "at": "2025-02-01T10:00:00+01:00", "channel": "web-form", "notice": {"sha256": ")" +
    kNotice + R"("}, "evidence": "f:2"}
)";

nlohmann::json purge(const std::filesystem::path& store, const std::string& as_of,
                     std::vector<std::string> extra = {"--dry-run"}) {
  std::vector<std::string> args = {"--store", store.string(), "--as-of", as_of, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  Run r = run("dpo-purge", args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

// The holdings a rule would remove at an instant.
long long removed(const std::filesystem::path& store, const std::string& rule, const std::string& as_of) {
  nlohmann::json plan = purge(store, as_of, {"--dry-run", "--rule", rule});
  long long n = 0;
  for (const auto& r : plan["rules"]) n += r["holdings"].get<long long>();
  return n;
}

// Rows that refer to a row no longer there: a purge runs with foreign keys
// off and must leave none.
long long dangling(const std::filesystem::path& store) {
  return count(store, "SELECT count(*) FROM pragma_foreign_key_check");
}

}  // namespace

TEST_CASE("every trigger expires its holding at its deadline to the second, not before", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  struct Deadline {
    const char* rule;
    const char* due;     // the deadline, in Paris time
    const char* before;  // one second earlier
  };
  const Deadline cases[] = {
      {"delivery/1", "2027-01-31T00:00:00+01:00", "2027-01-30T23:59:59+01:00"},    // end + P1Y, delete
      {"delivery/2", "2026-07-31T00:00:00+02:00", "2026-07-30T23:59:59+02:00"},    // end + P6M, anonymise
      {"delivery/3", "2026-06-01T00:00:00+02:00", "2026-05-31T23:59:59+02:00"},    // collected + P2Y
      {"mailing/1", "2026-04-01T10:00:00+02:00", "2026-04-01T09:59:59+02:00"},     // withdrawn + P1M
      {"community/1", "2026-02-01T10:00:00+01:00", "2026-02-01T09:59:59+01:00"},   // expired (given + P1Y) + P0D
      {"prospects/1", "2026-05-01T00:00:00+02:00", "2026-04-30T23:59:59+02:00"},   // last contact + P3Y
  };
  for (const Deadline& d : cases) {
    INFO(d.rule);
    CHECK(removed(store, d.rule, d.before) == 0);
    CHECK(removed(store, d.rule, d.due) == 1);
  }
  // A review rule flags, never removes.
  nlohmann::json review = purge(store, "2030-01-01", {"--dry-run", "--rule", "delivery/4"});
  CHECK(review["summary"]["review"] == 1);
  CHECK(review["rules"].empty());
}

TEST_CASE("a purge removes what has expired, keeps legal holds, and a second run does nothing", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  std::string before = dump(store);
  nlohmann::json dry = purge(store, "2027-02-01");
  CHECK(dump(store) == before);  // a dry run changes nothing
  nlohmann::json real = purge(store, "2027-02-01", {});
  dry["dry_run"] = false;
  CHECK(dry == real);  // the same plan, the same counts
  CHECK(real["summary"] == nlohmann::json::parse(R"({"deleted": 4, "anonymised": 2, "archived": 0, "tasks": 6,
      "subjects_erased": 0, "consent_events_cut": 0, "held": 1, "review": 1})"));
  // S-2's identity is past its deadline but held; S-1 keeps its health (review) and funding data.
  CHECK(count(store, "SELECT count(*) FROM holding WHERE value = 'Held Person'") == 1);
  CHECK(count(store, "SELECT count(*) FROM holding WHERE value = 'needs a ramp'") == 1);
  CHECK(count(store, "SELECT count(*) FROM holding WHERE value = 'CPF file 123'") == 1);
  CHECK(dangling(store) == 0);
  nlohmann::json again = purge(store, "2027-02-01", {});
  CHECK(again["summary"]["deleted"] == 0);
  CHECK(again["summary"]["anonymised"] == 0);
  CHECK(again["summary"]["tasks"] == 0);
}

// A legal hold could only cover a whole person, with no reason and no end.
TEST_CASE("a legal hold on one activity's category keeps it from the purge and the erasure until it ends",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  auto hold = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"hold", "--store", store.string(), "--as-of", "2027-01-15"});
    return run("dpo-subject", args);
  };
  // Bad scopes are refused before anything is written.
  std::string before = dump(store);
  Run typo = hold({"S-1", "--activity", "delivry", "--reason", "claim"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err == "dpo-subject: unknown activity 'delivry' in --activity\n");
  Run wrong = hold({"S-1", "--activity", "delivery", "--category", "contact", "--reason", "claim"});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err == "dpo-subject: activity 'delivery' holds no data category 'contact'; name one of its 'data' in "
                     "--category\n");
  Run past = hold({"S-1", "--until", "2027-01-01", "--reason", "claim"});
  CHECK(past.exit_code == 2);
  Run nobody = hold({"S-9", "--reason", "claim"});
  CHECK(nobody.exit_code == 3);
  CHECK(nobody.err == "dpo-subject: no such subject in the store\n");
  CHECK(dump(store) == before);

  Run set = hold({"S-1", "--activity", "delivery", "--category", "identity", "--until", "2027-03-01", "--reason",
                  "employment claim RG 26/00123"});
  REQUIRE(set.exit_code == 0);
  CHECK(set.out == "1\n");
  CHECK(set.err == "dpo-subject: legal hold set on delivery/identity, until 2027-03-01T00:00:00+01:00\n");
  // S-1's identity (past its deadline since 31 January) is held, like S-2's whole person.
  nlohmann::json plan = purge(store, "2027-02-01");
  CHECK(plan["summary"]["held"] == 2);
  CHECK(plan["summary"]["deleted"] == 3);
  // The erasure request keeps it, and says until when.
  Run erase = run("dpo-purge", {"--store", store.string(), "--as-of", "2027-02-01", "--subject", "S-1",
                                "--activity", "delivery", "--dry-run"});
  CHECK(erase.exit_code == 0);
  CHECK(erase.out.find("kept: delivery/identity (legal hold, Art. 17(3)(e)); until 2027-03-01T00:00:00+01:00\n") !=
        std::string::npos);
  // The access answer names it.
  Run sar = run("dpo-sar", {"export", "--store", store.string(), "--as-of", "2027-02-01", "--format", "json", "S-1"});
  REQUIRE(sar.exit_code == 0);
  CHECK(nlohmann::json::parse(sar.out)["subject"]["legal_holds"] == nlohmann::json::parse(R"([{"activity": "delivery",
      "category": "identity", "since": "2027-01-15T00:00:00+01:00", "until": "2027-03-01T00:00:00+01:00",
      "reason": "employment claim RG 26/00123"}])"));
  // The audit counts it among the held.
  Run audit = run("dpo-audit", {"--store", store.string(), "--as-of", "2027-02-01", "--format", "json", "--fail-on",
                                "never"});
  REQUIRE(audit.exit_code == 0);
  nlohmann::json held, report = nlohmann::json::parse(audit.out);
  for (const auto& k : report["kpis"])
    if (k["id"] == "held-holdings") held = k;
  CHECK(held["value"] == 2);
  // From its end, it holds nothing.
  CHECK(purge(store, "2027-03-01")["summary"]["held"] == 1);
  // Released before its end, it holds nothing either; a second release is refused.
  Run released = run("dpo-subject", {"release", "--store", store.string(), "--as-of", "2027-02-02", "--reason",
                                     "claim withdrawn", "1"});
  CHECK(released.exit_code == 0);
  CHECK(purge(store, "2027-02-02")["summary"]["held"] == 1);
  CHECK(run("dpo-subject", {"release", "--store", store.string(), "--reason", "again", "1"}).exit_code == 3);
  CHECK(count(store, "SELECT count(*) FROM journal WHERE command IN ('subject hold', 'subject release')") == 2);
  CHECK(dangling(store) == 0);
}

// An objection to direct marketing (Art. 21(3)) could only be logged: the
// newsletter went on until the DPO acted.
TEST_CASE("an objection to a marketing purpose withdraws its consent and erases what serves only it, at once",
          "[cli][purge]") {
  TempDir dir;
  std::string consents = replaced(
      kConsents, R"({"subject": "S-1", "purpose": "newsletter", "action": "withdrawn", "at": "2026-03-01T10:00:00+01:00"}
)", "");
  // The register keeps the list six months, not the default three years.
  std::filesystem::path store = make_store(
      dir, replaced(kRegister, "reviewed: 2026-06-01 }", "reviewed: 2026-06-01, suppression: P6M }"), kSubjects,
      consents);
  auto open = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"open", "--store", store.string(), "--as-of", "2026-02-01T09:00:00+01:00", "--type"});
    return run("dpo-sar", args);
  };
  std::string before = dump(store);
  Run other = open({"objection", "--received", "2026-02-01", "--purpose", "alumni", "S-1"});
  CHECK(other.exit_code == 2);
  CHECK(other.err == "dpo-sar: purpose 'alumni' is not direct marketing ('marketing: true'); an objection to other "
                     "processing (Art. 21(1)) is weighed case by case: open it without --purpose\n");
  Run access = open({"access", "--received", "2026-02-01", "--purpose", "newsletter", "S-1"});
  CHECK(access.exit_code == 2);
  CHECK(access.err == "dpo-sar: --purpose applies to --type objection only\n");
  CHECK(dump(store) == before);

  Run r = open({"objection", "--received", "2026-02-01", "--purpose", "newsletter", "S-1"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "opened request 1 (objection), due 2026-03-02\n"
                 "1 holding erased from mailing, 1 erasure task for other systems; the subject stays\n"
                 "kept: 3 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  Run list = run("dpo-consent", {"list", "--store", store.string(), "--subject", "S-1", "--purpose", "newsletter",
                                 "--as-of", "2026-02-01T09:00:00+01:00", "--format", "csv"});
  CHECK(list.out.find("S-1,newsletter,withdrawn,2026-02-01T09:00:00+01:00,,") != std::string::npos);
  CHECK(run("dpo-consent", {"verify", "--store", store.string()}).exit_code == 0);
  // The rest of the person stays; their key and email are listed, as keyed hashes, for six months.
  CHECK(count(store, "SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE a.code = "
                     "'mailing'") == 0);
  CHECK(count(store, "SELECT count(*) FROM holding") == 8);
  CHECK(count(store, "SELECT count(*) FROM suppression WHERE reason = 'objection' AND until = "
                     "unixepoch('2026-08-01T07:00:00Z')") == 2);
  // A subject import does not skip them: they objected to marketing, not to
  // being a learner. What served only the newsletter, which every export of
  // the CRM brought back, stays out.
  auto mailing = [&] {
    return count(store, "SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE a.code = "
                        "'mailing'");
  };
  Run again = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2026-02-02", (dir / "s.jsonl").string()});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("skipped") == std::string::npos);
  CHECK(again.err.ends_with("; left out 1 holding of people who objected to direct marketing (--allow-suppressed "
                            "imports them)\n"));
  CHECK(mailing() == 0);
  CHECK(count(store, "SELECT count(*) FROM holding") == 8);

  // A grant to the newsletter from elsewhere is refused, the store unchanged;
  // an import leaves such grants out and says how many.
  std::vector<std::string> grant = {"grant", "--store", store.string(), "--as-of", "2026-02-03", "--channel",
                                    "web-form", "--notice-sha256", kNotice, "--evidence", "f:9", "S-1", "newsletter"};
  before = dump(store);
  Run refused = run("dpo-consent", grant);
  CHECK(refused.exit_code == 3);
  CHECK(refused.err == "dpo-consent: the subject objected to direct marketing by purpose 'newsletter'; record a "
                       "consent they gave again with --allow-suppressed\n");
  CHECK(dump(store) == before);
  write_text(dir / "c2.jsonl",
             R"({"subject": "S-1", "purpose": "newsletter", "action": "given", "at": "2026-02-02T10:00:00+01:00", "channel": "web-form", "notice": {"sha256": ")" +
                 kNotice + R"("}, "evidence": "crm sync"}
{"subject": "S-1", "purpose": "alumni", "action": "withdrawn", "at": "2026-02-02T10:00:00+01:00"}
)");
  Run imported = run("dpo-consent", {"import", "--store", store.string(), "--as-of", "2026-02-03", (dir / "c2.jsonl").string()});
  CHECK(imported.exit_code == 0);
  INFO(imported.err);
  CHECK(imported.err.find("c2.jsonl': 2 events; 1 added, 0 already in the ledger; left out 1 grant to "
                          "purposes their subject objected to (--allow-suppressed records them); head ") !=
        std::string::npos);

  // Grants from before the objection, imported again on purpose, are history:
  // the objection stays.
  CHECK(run("dpo-consent", {"import", "--store", store.string(), "--as-of", "2026-02-03", "--allow-suppressed",
                            (dir / "c.jsonl").string()})
            .exit_code == 0);
  CHECK(count(store, "SELECT count(*) FROM suppression WHERE reason = 'objection'") == 2);
  // A consent the person gives again is recorded on purpose, which lifts the
  // objection for that purpose; the next import brings the newsletter's data back.
  grant.insert(grant.end() - 2, "--allow-suppressed");
  CHECK(run("dpo-consent", grant).exit_code == 0);
  CHECK(count(store, "SELECT count(*) FROM suppression WHERE reason = 'objection'") == 0);
  CHECK(run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2026-02-03", (dir / "s.jsonl").string()})
            .exit_code == 0);
  CHECK(mailing() == 1);
}

// Someone known only as a newsletter reader: the objection erases them whole.
// The next import brought them back as a subject with an email and nothing
// else, whom no purge ever removed; and the request's JSON was followed on
// standard output by the erasure's text.
TEST_CASE("an objector the objection erased whole is not brought back bare, and the JSON answer stays JSON",
          "[cli][purge]") {
  TempDir dir;
  const std::string reader =
      R"({"key": "S-3", "identifiers": {"email": "s3@mail.example"}, "holdings": [{"activity": "mailing", "data": "contact", "system": "mailer", "collected": "2025-01-01", "value": "s3@mail.example"}]}
)";
  const std::string consent =
      R"({"subject": "S-3", "purpose": "newsletter", "action": "given", "at": "2025-01-01T10:00:00+01:00", "channel": "web-form", "notice": {"sha256": ")" +
      kNotice + R"("}, "evidence": "f:3"}
)";
  std::filesystem::path store = make_store(dir, kRegister, reader, consent);
  Run opened = run("dpo-sar", {"open", "--store", store.string(), "--as-of", "2026-02-01T09:00:00+01:00", "--type",
                               "objection", "--received", "2026-02-01", "--purpose", "newsletter", "--format", "json",
                               "S-3"});
  CHECK(opened.exit_code == 0);
  CHECK(nlohmann::json::parse(opened.out)["type"] == "objection");
  CHECK(opened.err.find("1 holding erased from mailing") != std::string::npos);
  CHECK(count(store, "SELECT count(*) FROM subject") == 0);
  Run again = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2026-02-02", (dir / "s.jsonl").string()});
  CHECK(again.exit_code == 0);
  CHECK(again.err.ends_with("; left out 1 holding of people who objected to direct marketing (--allow-suppressed "
                            "imports them)\n"));
  CHECK(count(store, "SELECT count(*) FROM subject") == 0);
  CHECK(count(store, "SELECT count(*) FROM identifier") == 0);
}

TEST_CASE("an objection listing keeps the purposes objected to, renewed and narrowed one at a time", "[cli][purge]") {
  TempDir dir;
  std::string reg = replaced(kRegister, "  - { id: prospecting, label: Prospecting }",
                             "  - { id: prospecting, label: Prospecting, marketing: true, channels: [post] }");
  // The mailing serves both: only the two objections together leave it no ground.
  reg = replaced(reg, "    purposes: [newsletter]\n", "    purposes: [newsletter, prospecting]\n");
  std::filesystem::path store = make_store(dir, reg, kSubjects, kConsents);
  auto object = [&](const std::string& purpose, const std::string& at) {
    return run("dpo-sar", {"open", "--store", store.string(), "--as-of", at, "--type", "objection", "--received",
                           at.substr(0, 10), "--purpose", purpose, "S-1"});
  };
  auto purposes = [&] {
    SQLite::Database db(store.string());
    return db.execAndGet("SELECT group_concat(DISTINCT purposes) FROM suppression WHERE reason = 'objection'")
        .getString();
  };
  auto held_by = [&](const char* activity) {
    return count(store, std::string("SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE "
                                     "a.code = '") + activity + "'");
  };
  CHECK(object("newsletter", "2026-02-01T09:00:00+01:00").exit_code == 0);
  CHECK(purposes() == R"(["newsletter"])");
  CHECK(held_by("mailing") == 1);
  // A second objection adds its purpose to the running listing, and erases
  // what the two together leave with no ground.
  CHECK(object("prospecting", "2026-02-05T09:00:00+01:00").exit_code == 0);
  CHECK(purposes() == R"(["newsletter","prospecting"])");
  CHECK(held_by("mailing") == 0);
  CHECK(held_by("prospects") == 0);
  // The prospects' data went with the second; an import leaves it out too.
  Run imported = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2026-02-06", (dir / "s.jsonl").string()});
  CHECK(imported.err.ends_with("; left out 2 holdings of people who objected to direct marketing (--allow-suppressed "
                               "imports them)\n"));
  // A consent given again to one purpose takes only that one off.
  CHECK(run("dpo-consent", {"grant", "--store", store.string(), "--as-of", "2026-02-07", "--channel", "web-form",
                            "--notice-sha256", kNotice, "--allow-suppressed", "S-1", "newsletter"})
            .exit_code == 0);
  CHECK(purposes() == R"(["prospecting"])");
  // --allow-suppressed on a subject import lifts the whole listing.
  CHECK(run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2026-02-08", "--allow-suppressed",
                            (dir / "s.jsonl").string()})
            .exit_code == 0);
  CHECK(count(store, "SELECT count(*) FROM suppression WHERE reason = 'objection'") == 0);
  CHECK(count(store, "SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE a.code IN "
                     "('mailing', 'prospects')") == 2);
}

TEST_CASE("a purge a holding at a time removes, logs and counts what one batch does", "[cli][purge]") {
  // Batches of one put a held holding and one for review between batches:
  // each must be counted once, and no removed one skipped or done twice.
  auto rows = [](const std::filesystem::path& store) {
    SQLite::Database db(store.string());
    std::string out;
    // (Not the subjects' HMACs: each store has its own secret.)
    for (const char* sql : {"SELECT id, run_id, at, holding_id, activity, category, rule_no, action FROM deletion_log "
                            "ORDER BY id",
                            "SELECT id, created, system, ref, action FROM erasure_task ORDER BY id",
                            "SELECT id, subject_id, value, ref, anonymised_at FROM holding ORDER BY id"}) {
      SQLite::Statement st(db, sql);
      while (st.executeStep()) {
        for (int i = 0; i < st.getColumnCount(); ++i) out += st.getColumn(i).getString() + "|";
        out += "\n";
      }
    }
    return out;
  };
  TempDir whole_dir, single_dir;
  std::filesystem::path whole = make_store(whole_dir, kRegister, kSubjects, kConsents);
  std::filesystem::path single = make_store(single_dir, kRegister, kSubjects, kConsents);
  nlohmann::json at_once = purge(whole, "2027-02-01", {});
  Run r = run("dpo-purge", {"--store", single.string(), "--as-of", "2027-02-01", "--format", "json"}, {},
              {"DPO_PURGE_BATCH=1"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  nlohmann::json one_by_one = nlohmann::json::parse(r.out);
  CHECK(one_by_one["summary"] == at_once["summary"]);
  CHECK(one_by_one["rules"] == at_once["rules"]);
  CHECK(at_once["summary"]["held"] == 1);
  CHECK(at_once["summary"]["review"] == 1);
  CHECK(rows(single) == rows(whole));
  CHECK(count(single, "SELECT count(*) FROM deletion_seal") == 6);  // a seal a holding
  CHECK(run("dpo-purge", {"verify", "--store", single.string(), "-q"}).exit_code == 0);
}

TEST_CASE("anonymising keeps the row's non-identifying fields and drops the value and the person", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  (void)purge(store, "2026-08-01", {"--rule", "delivery/2"});
  SQLite::Database db(store.string());
  SQLite::Statement st(db,
                       "SELECT h.system, h.collected_at, h.value, h.ref, h.subject_id, h.digest, h.anonymised_at, "
                       "a.code, c.code FROM holding h JOIN activity a ON a.id = h.activity_id JOIN data_category c ON "
                       "c.id = h.category_id WHERE h.anonymised_at IS NOT NULL");
  REQUIRE(st.executeStep());
  CHECK(st.getColumn(0).getString() == "lms");
  CHECK(st.getColumn(1).getInt64() == 1769814000);  // 31 January 2026, midnight in Paris
  CHECK(st.getColumn(2).isNull());
  CHECK(st.getColumn(3).isNull());
  CHECK(st.getColumn(4).isNull());
  CHECK(st.getColumn(5).isNull());
  CHECK(st.getColumn(6).getInt64() == 1785535200);  // the purge's instant, 1 August 2026
  CHECK(st.getColumn(7).getString() == "delivery");
  CHECK(st.getColumn(8).getString() == "assessment");
  CHECK_FALSE(st.executeStep());
  CHECK(dump(store).find("grade 17") == std::string::npos);
}

TEST_CASE("the deletion log proves each erasure with an HMAC of the subject, never the erased value",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  (void)purge(store, "2027-02-01", {});
  SQLite::Database db(store.string());
  SQLite::Column secret = db.execAndGet("SELECT value FROM meta WHERE key = 'secret'");
  const auto* bytes = static_cast<const unsigned char*>(secret.getBlob());
  std::vector<unsigned char> key(bytes, bytes + secret.getBytes());
  std::string expected = dpo::to_hex(dpo::hmac_sha256(key, "S-1"));
  SQLite::Statement log(db, "SELECT hex(subject_hmac), activity, category, rule_no, action FROM deletion_log ORDER BY id");
  std::vector<std::string> rows;
  while (log.executeStep())
    rows.push_back(dpo::to_lower(log.getColumn(0).getString()) == expected
                       ? log.getColumn(1).getString() + "/" + log.getColumn(2).getString() + " " +
                             std::to_string(log.getColumn(3).getInt()) + " " + log.getColumn(4).getString()
                       : "another subject");
  CHECK(rows == std::vector<std::string>{"delivery/identity 1 delete", "delivery/assessment 2 anonymise",
                                         "delivery/attendance 3 delete", "mailing/contact 1 delete",
                                         "community/community 1 anonymise", "prospects/contact 1 delete"});
  std::string all = dump(store);
  CHECK(all.find("Sam Secret") == std::string::npos);
  CHECK(all.find("grade 17") == std::string::npos);
  // Erased values here; references elsewhere become tasks.
  Run tasks = run("dpo-purge", {"tasks", "--store", store.string(), "--pending", "--format", "jsonl"});
  CHECK(tasks.out.find(R"("system":"esign","ref":"esign:envelopes/1","action":"delete")") != std::string::npos);
  CHECK(tasks.out.find(R"("system":"forum","ref":"forum:members/1","action":"anonymise")") != std::string::npos);
}

TEST_CASE("purge log lists a subject's entries from their key alone", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  (void)purge(store, "2027-02-01", {});
  auto entries = [&](const std::string& key) {
    std::vector<std::string> args = {"log", "--store", store.string(), "--format", "jsonl"};
    if (!key.empty()) args.insert(args.end(), {"--subject", key});
    Run r = run("dpo-purge", args);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      nlohmann::json j = nlohmann::json::parse(line);
      out.push_back(j["activity"].get<std::string>() + "/" + j["category"].get<std::string>() + " " +
                    std::to_string(j["rule_no"].get<int>()) + " " + j["action"].get<std::string>() + " " +
                    j["at"].get<std::string>());
    }
    return out;
  };
  CHECK(entries("S-1") == std::vector<std::string>{"delivery/identity 1 delete 2027-02-01T00:00:00+01:00",
                                                   "delivery/assessment 2 anonymise 2027-02-01T00:00:00+01:00",
                                                   "delivery/attendance 3 delete 2027-02-01T00:00:00+01:00",
                                                   "mailing/contact 1 delete 2027-02-01T00:00:00+01:00",
                                                   "community/community 1 anonymise 2027-02-01T00:00:00+01:00",
                                                   "prospects/contact 1 delete 2027-02-01T00:00:00+01:00"});
  CHECK(entries("").size() == static_cast<std::size_t>(count(store, "SELECT count(*) FROM deletion_log")));
  // Nobody by that key: nothing on standard output, a note on standard error.
  Run none = run("dpo-purge", {"log", "--store", store.string(), "--subject", "S-404"});
  CHECK(none.exit_code == 0);
  CHECK(none.out == "   entry  at                          run  action         activity/category                    "
                    "     rule  holding\n");
  CHECK(none.err == "dpo-purge: no entry in the deletion log for that subject\n");
  CHECK(run("dpo-purge", {"log", "--store", store.string(), "--subject", "S-404", "-q"}).err.empty());
}

TEST_CASE("the deletion log's seals name an entry changed, deleted or inserted with sqlite3", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  (void)purge(store, "2027-02-01", {});
  Run clean = run("dpo-purge", {"verify", "--store", store.string(), "--format", "json"});
  REQUIRE(clean.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(clean.out);
  std::int64_t entries = j["entries"];
  CHECK(entries == 6);
  CHECK(j["seals"] == 1);
  std::string head = j["head"];
  CHECK(run("dpo-purge", {"verify", "--store", store.string()}).out ==
        "deletion log verified: 6 entries under 1 seal, head " + head + "\n");
  // A second purge with more to remove seals its own entries after the first seal.
  (void)purge(store, "2040-01-01", {});
  Run later = run("dpo-purge", {"verify", "--store", store.string(), "--anchor", head, "--format", "json"});
  CHECK(later.exit_code == 0);
  CHECK(nlohmann::json::parse(later.out)["seals"] == 2);
  std::int64_t total = nlohmann::json::parse(later.out)["entries"];
  CHECK(total > entries);

  auto tampered = [&](const std::string& sql, const std::vector<std::string>& extra = {}) {
    std::filesystem::path copy = dir / "tampered.sqlite";
    std::filesystem::copy_file(store, copy, std::filesystem::copy_options::overwrite_existing);
    {
      SQLite::Database db(copy.string(), SQLite::OPEN_READWRITE);
      db.exec(sql);
    }
    std::vector<std::string> args{"verify", "--store", copy.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    Run r = run("dpo-purge", args);
    CHECK(r.exit_code == 1);
    return r.out;
  };
  CHECK(tampered("UPDATE deletion_log SET action = 'anonymise' WHERE id = 3 AND action = 'delete';"
                 "UPDATE deletion_log SET action = 'delete' WHERE id = 3 AND changes() = 0") ==
        "deletion log broken: an entry among 1 to 6 was changed: it no longer gives seal 1\n");
  CHECK(tampered("DELETE FROM deletion_log WHERE id = 2") ==
        "deletion log broken: entries were deleted or inserted among 1 to 6: seal 1 counts 6 from entry 1, the log "
        "holds 5\n");
  CHECK(tampered("INSERT INTO deletion_log (run_id, at, subject_hmac, action) "
                 "SELECT run_id, at, subject_hmac, 'erase-subject' FROM deletion_log ORDER BY id DESC LIMIT 1") ==
        "deletion log broken: 1 entry is from entry " + std::to_string(total + 1) +
            " on under no seal: written outside dpo purge\n");
  CHECK(tampered("DELETE FROM deletion_seal WHERE id = 1") ==
        "deletion log broken: seal 2 does not follow the seal before it: seals were removed or rewritten\n");
  // The last run's entries and seal removed together: the run's own count
  // shows it (it used to verify, and only an anchor caught it).
  std::string last_head = nlohmann::json::parse(later.out)["head"];
  std::string rewrite = "DELETE FROM deletion_log WHERE id > 6; DELETE FROM deletion_seal WHERE id = 2";
  CHECK(tampered(rewrite) ==
        "deletion log broken: run 2 recorded 1 deletion-log entries and the log holds 0: entries were deleted or "
        "inserted\n");
  // The whole log, its seals and the runs: the journal still names them.
  CHECK(tampered("DELETE FROM deletion_log; DELETE FROM deletion_seal; DELETE FROM purge_run")
            .starts_with("deletion log broken: run 1, which journal record "));
  // The journal's first purge record too: the gap in its numbering shows.
  CHECK(tampered("DELETE FROM deletion_log WHERE run_id = 1; DELETE FROM deletion_seal WHERE id = 1; "
                 "DELETE FROM purge_run WHERE id = 1; DELETE FROM journal WHERE command = 'purge' AND id = "
                 "(SELECT min(id) FROM journal WHERE command = 'purge')")
            .find("was deleted: the journal no longer vouches for the log") != std::string::npos);
  CHECK(tampered(rewrite + "; DELETE FROM purge_run WHERE id = 2; DELETE FROM journal WHERE id = (SELECT max(id) "
                 "FROM journal)", {"--anchor", last_head}) ==
        "deletion log broken: no seal is the anchor " + last_head + ": the log it was taken from was rewritten\n");
}

TEST_CASE("with DPO_KEY_FILE a blanked purge record and a forged log anchor are named", "[cli][purge]") {
  TempDir dir;
  std::vector<std::string> env = key_file_env(dir);
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents, {}, env);
  REQUIRE(run("dpo-purge", {"-q", "--store", store.string(), "--as-of", "2027-02-01"}, {}, env).exit_code == 0);
  REQUIRE(run("dpo-purge", {"-q", "--store", store.string(), "--as-of", "2040-01-01"}, {}, env).exit_code == 0);
  auto verify = [&](const std::filesystem::path& s, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"verify", "--store", s.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run("dpo-purge", args, {}, env);
  };
  // The anchor carries a MAC under the key; a line with another MAC is named.
  Run anchor = run("dpo-purge", {"anchor", "--store", store.string()}, {}, env);
  REQUIRE(anchor.exit_code == 0);
  std::string line = anchor.out.substr(0, anchor.out.size() - 1);
  std::vector<std::string> parts = dpo::split(line, ':');
  REQUIRE(parts.size() == 3);
  CHECK(parts[0] == "2");
  CHECK(verify(store, {"--anchor", line}).exit_code == 0);
  Run forged = verify(store, {"--anchor", parts[0] + ":" + parts[1] + ":" + std::string(64, 'a')});
  CHECK(forged.exit_code == 1);
  CHECK(forged.out == "deletion log broken: the anchor's MAC does not match under DPO_KEY_FILE's key: the anchor was "
                      "forged or is another store's\n");
  // The last run's entries and seal removed, its counts and its journal
  // record blanked: nothing left names the run's entries but the record's MAC.
  std::string record = std::to_string(SQLite::Database(store.string()).execAndGet("SELECT max(id) FROM journal").getInt());
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM deletion_log WHERE run_id = 2; DELETE FROM deletion_seal WHERE id = 2; "
            "UPDATE purge_run SET counts = NULL WHERE id = 2; UPDATE journal SET counts = '{}' WHERE id = " + record);
  }
  Run v = verify(store);
  CHECK(v.exit_code == 1);
  CHECK(v.out == "deletion log broken: journal record " + record +
                     " has a MAC that DPO_KEY_FILE's key does not give: it was forged or changed\n");
}

TEST_CASE("erasure on request keeps what a legal obligation or hold requires, and says until when",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-06-15", "--subject", "S-1"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "7 holdings erased, 7 erasure tasks for other systems; the subject stays, for what is kept\n"
                 "kept: funding/funding (legal obligation, Art. 17(3)(b)) under rule funding/1; until "
                 "2036-01-31T00:00:00+01:00\n"
                 "kept: 3 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  CHECK(count(store, "SELECT count(*) FROM holding WHERE subject_id = (SELECT id FROM subject WHERE key = 'S-1')") ==
        1);
  // Nothing kept: the subject and its identifiers go, its consent events stay as proof.
  Run held = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-06-15", "--subject", "S-2", "--format",
                               "json"});
  nlohmann::json j = nlohmann::json::parse(held.out);
  CHECK(j["summary"]["kept"][0]["reason"] == "legal-hold");
  CHECK(j["summary"]["kept"][0]["article"] == "Art. 17(3)(e)");
  TempDir other;
  std::filesystem::path plain = make_store(other, kRegister, replaced(kSubjects, R"({"activity": "funding", "data": "funding", "system": "accounting", "collected": "2025-11-03", "value": "CPF file 123"})", R"({"activity": "delivery", "data": "identity", "system": "lms", "collected": "2025-11-03", "value": "again"})"),
                                           kConsents);
  Run gone = run("dpo-purge", {"--store", plain.string(), "--subject", "S-1"});
  CHECK(gone.out.find("the subject and their identifiers were erased") != std::string::npos);
  CHECK(count(plain, "SELECT count(*) FROM subject WHERE key = 'S-1'") == 0);
  CHECK(count(plain, "SELECT count(*) FROM identifier") == 0);
  CHECK(count(plain, "SELECT count(*) FROM engagement WHERE subject_id NOT IN (SELECT id FROM subject)") == 0);
  CHECK(count(plain, "SELECT count(*) FROM consent_event WHERE subject_key = 'S-1' AND subject_id IS NULL") == 3);
  CHECK(dangling(plain) == 0);
  CHECK(run("dpo-consent", {"verify", "--store", plain.string()}).exit_code == 0);
  Run unknown = run("dpo-purge", {"--store", plain.string(), "--subject", "S-404"});
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.err == "dpo-purge: no such subject in the store\n");
}

// The funding file's obligation ran until 31 January 2036: an erasure
// request after that kept it "until" a date already past.
TEST_CASE("an erasure request removes what the obligation no longer requires, never keeps it until a past date",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2036-01-31T00:00:00+01:00", "--subject", "S-1"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "8 holdings erased, 8 erasure tasks for other systems; the subject and their identifiers were erased\n"
                 "kept: 3 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-1'") == 0);
  // A second before, it is still kept.
  TempDir other;
  std::filesystem::path before = make_store(other, kRegister, kSubjects, kConsents);
  Run kept = run("dpo-purge", {"--store", before.string(), "--as-of", "2036-01-30T23:59:59+01:00", "--subject", "S-1"});
  CHECK(kept.out.find("kept: funding/funding (legal obligation, Art. 17(3)(b)) under rule funding/1; until "
                      "2036-01-31T00:00:00+01:00\n") != std::string::npos);
}

// --rule with --subject was ignored, and the whole person erased: a rule
// has no meaning for an erasure request.
TEST_CASE("an erasure request refuses --rule with exit 2", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  long long before = count(store, "SELECT count(*) FROM holding");
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-06-15", "--subject", "S-1", "--rule",
                            "delivery/1"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "dpo-purge: --rule excludes --subject\nsee 'dpo-purge --help'\n");
  CHECK(count(store, "SELECT count(*) FROM holding") == before);
  CHECK(count(store, "SELECT count(*) FROM purge_run") == 0);
}

// A withdrawn testimonial, or a community profile, could not be removed
// alone: --activity was ignored and the whole person erased, then refused.
TEST_CASE("an erasure narrowed to an activity or a purpose removes only what it holds", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  std::string others = "SELECT count(*) FROM holding WHERE activity_id <> (SELECT id FROM activity WHERE code = "
                       "'community')";
  long long kept = count(store, others);
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-06-15", "--subject", "S-1", "--activity",
                            "community"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "1 holding erased from community, 1 erasure task for other systems; the subject stays\n"
                 "kept: 3 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  CHECK(count(store, "SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE a.code = "
                     "'community'") == 0);
  CHECK(count(store, others) == kept);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-1'") == 1);
  CHECK(count(store, "SELECT count(*) FROM deletion_log WHERE action = 'erase-request' AND activity = 'community'") ==
        1);
  CHECK(count(store, "SELECT count(*) FROM journal WHERE command = 'purge subject' AND counts LIKE "
                     "'%\"activities\":[\"community\"]%'") == 1);
  // By purpose: the newsletter's activity, its contact and its engagement.
  Run p = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-06-15", "--subject", "S-1", "--purpose",
                            "newsletter", "--format", "json"});
  CHECK(p.exit_code == 0);
  nlohmann::json summary = nlohmann::json::parse(p.out)["summary"];
  CHECK(summary["erased"] == 1);
  CHECK(summary["activities"] == nlohmann::json::parse(R"(["mailing"])"));
  CHECK(summary["subject_erased"] == false);
  CHECK(count(store, "SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE a.code = "
                     "'mailing'") == 0);
  // Options that do not apply together are refused, never ignored.
  for (const auto& [args, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--purpose", "newsletter"}, "--purpose requires --subject"},
           {{"--subject", "S-1", "--force"}, "--force requires --reason"},
           {{"--subject", "S-1", "--reason", "why"}, "--reason requires --force"},
           {{"--subject", "S-1", "--purpose", "newsleter"}, "unknown purpose 'newsleter' in --purpose"},
       }) {
    std::vector<std::string> all{"--store", store.string(), "--as-of", "2026-06-15"};
    all.insert(all.end(), args.begin(), args.end());
    Run refused = run("dpo-purge", all);
    INFO(message);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.rfind("dpo-purge: " + message + "\n", 0) == 0);
  }
  CHECK(count(store, "SELECT count(*) FROM purge_run") == 2);
}

TEST_CASE("consent withdraw --erase erases at once what the purpose's withdrawal rule covers", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  long long events = count(store, "SELECT count(*) FROM consent_event");
  // The alumni purpose's activity counts from the consent's expiry, not its
  // withdrawal: refused before anything is recorded.
  Run refused = run("dpo-consent", {"withdraw", "--store", store.string(), "--as-of", "2026-06-15", "--erase", "S-1",
                                    "alumni"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "dpo-consent: --erase: no activity serving purpose 'alumni' has a retention rule from "
                       "consent-withdrawn; erase with 'dpo purge --subject KEY --purpose alumni'\n");
  CHECK(count(store, "SELECT count(*) FROM consent_event") == events);
  // Withdrawn again from the newsletter: the mailing's contact goes now, not in a month.
  Run r = run("dpo-consent", {"withdraw", "--store", store.string(), "--as-of", "2026-06-15", "--erase", "S-1",
                              "newsletter"});
  CHECK(r.exit_code == 0);
  // The event's id, then the erasure's answer.
  CHECK(r.out.substr(32) == "\n1 holding erased from mailing, 1 erasure task for other systems; the subject stays\n"
                            "kept: 4 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  CHECK(count(store, "SELECT count(*) FROM consent_event") == events + 1);
  CHECK(count(store, "SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id WHERE a.code = "
                     "'mailing'") == 0);
  CHECK(count(store, "SELECT count(*) FROM holding") == 8);
  CHECK(count(store, "SELECT count(*) FROM deletion_log WHERE action = 'erase-request' AND activity = 'mailing'") ==
        1);
  // While a purge runs: the withdrawal is recorded, the erasure left for later, and the message says how.
  int fd = ::open((store.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  Run busy = run("dpo-consent", {"withdraw", "--store", store.string(), "--as-of", "2026-06-16", "--erase", "S-1",
                                 "newsletter"});
  ::close(fd);
  CHECK(busy.exit_code == 5);
  CHECK(busy.err.find("dpo-consent: the withdrawal is recorded, but a purge is running: erase later with 'dpo purge "
                      "--subject KEY --purpose newsletter'\n") != std::string::npos);
  CHECK(count(store, "SELECT count(*) FROM consent_event") == events + 2);
}

// A testimonial consented for six months was treated as valid for the
// purpose's year: the consent's own duration ends it when shorter, for
// consent list, the purge and the subject-access answer alike.
TEST_CASE("a consent's own shorter duration ends it for consent list, the purge and the access answer",
          "[cli][purge]") {
  TempDir dir;
  std::string consents = replaced(kConsents, "\"evidence\": \"f:2\"", "\"evidence\": \"f:2\", \"scope\": {\"duration\": \"P6M\"}");
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, consents);
  auto status = [&](const std::string& as_of) {
    Run r = run("dpo-consent", {"list", "--store", store.string(), "--subject", "S-1", "--purpose", "alumni",
                                "--as-of", as_of, "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    return r.out.substr(r.out.find("\r\n") + 2, r.out.rfind(',') - r.out.find("\r\n") - 2);
  };
  CHECK(status("2025-08-01T09:59:59+02:00") ==
        "S-1,alumni,given,2025-02-01T10:00:00+01:00,2025-08-01T10:00:00+02:00");
  CHECK(status("2025-08-01T10:00:00+02:00") ==
        "S-1,alumni,expired,2025-02-01T10:00:00+01:00,2025-08-01T10:00:00+02:00");
  CHECK(removed(store, "community/1", "2025-08-01T09:59:59+02:00") == 0);
  CHECK(removed(store, "community/1", "2025-08-01T10:00:00+02:00") == 1);
  Run sar = run("dpo-sar", {"export", "--store", store.string(), "--as-of", "2025-08-01T10:00:00+02:00", "--format",
                            "json", "S-1"});
  REQUIRE(sar.exit_code == 0);
  nlohmann::json answer = nlohmann::json::parse(sar.out);
  bool found = false;
  for (const auto& a : answer["activities"])
    if (a["id"] == "community") {
      found = true;
      CHECK(a["holdings"][0]["retention"]["until"] == "2025-08-01T10:00:00+02:00");
    }
  CHECK(found);
}

// Re-importing the CRM export after an erasure request silently brought the
// erased person back.
TEST_CASE("a subject erased on request is skipped by the next import, unless brought back on purpose",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  Run erased = run("dpo-purge", {"--store", store.string(), "--as-of", "2036-06-15", "--subject", "S-1", "-q"});
  REQUIRE(erased.exit_code == 0);
  REQUIRE(count(store, "SELECT count(*) FROM subject WHERE key = 'S-1'") == 0);
  // The key and the email, as keyed hashes only, for three years.
  CHECK(count(store, "SELECT count(*) FROM suppression WHERE reason = 'erasure'") == 2);
  // Until 15 June 2039, midnight in Paris (the zone's rules past 2037 may
  // miss summer time: an hour either way).
  CHECK(count(store, "SELECT count(*) FROM suppression WHERE until BETWEEN 2191698000 AND 2191705200") == 2);
  std::string subjects = (dir / "s.jsonl").string();
  Run again = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2036-06-16", subjects});
  CHECK(again.exit_code == 0);
  CHECK(again.err == "dpo-subject: imported '" + subjects +
                         "': 2 records; subjects 0 added, 0 changed; holdings 0 added, 0 changed; skipped 1 erased "
                         "on request (--allow-suppressed imports them)\n");
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-1'") == 0);
  CHECK(count(store, "SELECT count(*) FROM journal WHERE command = 'subject import' AND counts LIKE "
                     "'%\"suppressed\":1%'") == 1);
  // Found by another identifier only (the same email under a new key): skipped too.
  write_text(dir / "rekeyed.jsonl",
             R"({"key": "S-9", "identifiers": {"email": "S1@Mail.example "}, "holdings": []})" "\n");
  Run rekeyed = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2036-06-16",
                                    (dir / "rekeyed.jsonl").string()});
  CHECK(rekeyed.err.find("skipped 1 erased on request") != std::string::npos);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-9'") == 0);
  // Brought back on purpose: imported, and off the list.
  Run back = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2036-06-17", "--allow-suppressed",
                                 subjects});
  CHECK(back.exit_code == 0);
  CHECK(back.err.find("; 1 erased on request imported again\n") != std::string::npos);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-1'") == 1);
}

TEST_CASE("erasing a person whole removes their name, postal address and form of address with their record",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  write_text(dir / "addressed.jsonl",
             R"({"key": "S-1", "name": "Sam Addressee", "postal_address": ["5 rue Basse", "69005 Lyon"], "civility": "sir"})"
             "\n"
             R"({"key": "S-2", "name": "Held Addressee", "postal_address": "9 rue Haute, 69001 Lyon"})"
             "\n");
  Run imported = run("dpo-subject", {"import", "--store", store.string(), "--as-of", "2036-06-14",
                                     (dir / "addressed.jsonl").string()});
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.err.find("subjects 0 added, 2 changed") != std::string::npos);
  REQUIRE(count(store, "SELECT count(*) FROM subject WHERE name IS NOT NULL AND postal_address IS NOT NULL") == 2);
  Run erased = run("dpo-purge", {"--store", store.string(), "--as-of", "2036-06-15", "--subject", "S-1", "-q"});
  REQUIRE(erased.exit_code == 0);
  // Nothing of them anywhere in the store: not in a table, not in the log.
  std::string after = dump(store);
  for (const char* gone : {"Sam Addressee", "5 rue Basse", "69005 Lyon"}) {
    INFO(gone);
    CHECK(after.find(gone) == std::string::npos);
  }
  CHECK(count(store, "SELECT count(*) FROM subject WHERE civility = 'sir'") == 0);
  // A person under legal hold keeps their record, and with it where to
  // write to them about what is kept.
  Run held = run("dpo-purge", {"--store", store.string(), "--as-of", "2036-06-15", "--subject", "S-2", "-q"});
  REQUIRE(held.exit_code == 0);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-2' AND name = 'Held Addressee' AND "
                     "postal_address = '9 rue Haute, 69001 Lyon'") == 1);
  CHECK(dangling(store) == 0);
}

// An erasure request once erased a learner whose course was still running.
TEST_CASE("an erasure request keeps what a contract in progress needs unless forced with a reason",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  // S-1's course runs from 3 November 2025 to 31 January 2026.
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-01-15", "--subject", "S-1", "--activity",
                            "delivery"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0 holdings erased from delivery, 0 erasure tasks for other systems; the subject stays\n"
                 "kept: delivery/identity (contract in progress, Art. 17(1)(a)); until the contract ends\n"
                 "kept: delivery/assessment (contract in progress, Art. 17(1)(a)); until the contract ends\n"
                 "kept: delivery/attendance (contract in progress, Art. 17(1)(a)); until the contract ends\n"
                 "kept: delivery/health (contract in progress, Art. 17(1)(a)); until the contract ends\n"
                 "kept: 3 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  Run forced = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-01-15", "--subject", "S-1",
                                 "--activity", "delivery", "--force", "--reason", "left the course on 2026-01-10"});
  CHECK(forced.exit_code == 0);
  CHECK(forced.out == "4 holdings erased from delivery, 4 erasure tasks for other systems; the subject stays\n"
                      "erased although a contract is in progress, for: left the course on 2026-01-10\n"
                      "kept: 3 consent events, as proof under their purposes' retention (Art. 17(3)(e))\n");
  CHECK(count(store, "SELECT count(*) FROM journal WHERE command = 'purge subject' AND counts LIKE "
                     "'%\"forced\":\"left the course on 2026-01-10\"%'") == 1);
  CHECK(count(store, "SELECT count(*) FROM engagement e JOIN activity a ON a.id = e.activity_id WHERE a.code = "
                     "'delivery' AND e.subject_id = (SELECT id FROM subject WHERE key = 'S-1')") == 0);
  Run verify = run("dpo-purge", {"verify", "--store", store.string()});
  CHECK(verify.exit_code == 0);
}

// A script's empty variable, `--subject "$KEY"`, once ran a whole retention
// purge: an empty key meant "no subject".
TEST_CASE("an empty --subject is refused with exit 2 and changes nothing", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  std::string before = dump(store);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"dpo-purge", "--subject", ""}, {"dpo-purge", "run", "--subject", "", "--dry-run"},
        {"dpo-purge", "log", "--subject", ""}, {"dpo-consent", "list", "--subject", ""}}) {
    std::vector<std::string> rest(args.begin() + 1, args.end());
    rest.insert(rest.end(), {"--store", store.string(), "--as-of", "2027-02-01"});
    if (args[1] == "log" || args[1] == "list") rest.resize(rest.size() - 2);  // no --as-of there
    Run r = run(args[0], rest);
    INFO(args[0] << " " << args[1]);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == args[0] + ": --subject: must not be empty\nsee '" + args[0] + " --help'\n");
  }
  CHECK(dump(store) == before);
}

// Subjects with one holding each, a newsletter address that expires a month
// after its consent is withdrawn (withdrawals() withdraws it on 1 March 2026).
std::string mailing_only(std::initializer_list<int> numbers) {
  std::string out;
  for (int n : numbers)
    out += R"({"key": "S-)" + std::to_string(n) + R"(", "identifiers": {"email": "s)" + std::to_string(n) +
           R"(@mail.example"}, "holdings": [{"activity": "mailing", "data": "contact", "system": "mailer", "collected": "2025-01-01", "value": "an address"}]})" "\n";
  return out;
}

std::string withdrawals(std::initializer_list<int> numbers) {
  std::string out;
  for (int n : numbers)
    out += R"({"subject": "S-)" + std::to_string(n) +
           R"(", "purpose": "newsletter", "action": "withdrawn", "at": "2026-03-01T10:00:00+01:00"})" "\n";
  return out;
}

TEST_CASE("a subject a purge leaves with nothing is erased with its identifiers", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, mailing_only({3}), withdrawals({3}));
  nlohmann::json out = purge(store, "2026-05-01", {});
  CHECK(out["summary"]["subjects_erased"] == 1);
  CHECK(count(store, "SELECT count(*) FROM subject") == 0);
  CHECK(count(store, "SELECT count(*) FROM identifier") == 0);
  CHECK(count(store, "SELECT count(*) FROM engagement") == 0);
  CHECK(count(store, "SELECT count(*) FROM consent_event WHERE subject_id IS NULL") == 1);
  CHECK(count(store, "SELECT count(*) FROM deletion_log WHERE action = 'erase-subject'") == 1);
  CHECK(dangling(store) == 0);
}

// The actions of the deletion log in id order, one letter each.
std::string log_actions(const std::filesystem::path& store) {
  SQLite::Database db(store.string());
  SQLite::Statement st(db, "SELECT action FROM deletion_log ORDER BY id");
  std::string out;
  while (st.executeStep()) out += st.getColumn(0).getString() == "erase-subject" ? 'E' : 'd';
  return out;
}

TEST_CASE("subjects left with nothing are erased a group at a time, in the batch that fills the group",
          "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, mailing_only({3, 4, 5}), withdrawals({3, 4, 5}));
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-05-01", "--format", "json"}, {},
              {"DPO_PURGE_BATCH=1", "DPO_PURGE_GROUP=2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["summary"]["subjects_erased"] == 3);
  // A batch a holding: S-3's, S-4's with the group {S-3, S-4}, S-5's; S-5 at the end.
  CHECK(log_actions(store) == "ddEEdE");
  CHECK(count(store, "SELECT count(*) FROM subject") == 0);
  CHECK(count(store, "SELECT count(*) FROM identifier") == 0);
  CHECK(count(store, "SELECT count(*) FROM purge_pending") == 0);
  CHECK(count(store, "SELECT count(*) FROM deletion_seal") == 4);  // three batches and the end
  CHECK(run("dpo-purge", {"verify", "--store", store.string(), "-q"}).exit_code == 0);
  CHECK(dangling(store) == 0);
}

TEST_CASE("subjects a killed purge left listed are erased by the next run, unless given holdings or held",
          "[cli][purge]") {
  TempDir dir;
  // S-6 and S-7 have no holding left, S-8 has one that has not expired;
  // S-7 is under legal hold. A killed run listed all three.
  std::string subjects = R"({"key": "S-6", "identifiers": {"email": "s6@mail.example"}}
{"key": "S-7", "legal_hold": true, "identifiers": {"email": "s7@mail.example"}}
{"key": "S-8", "holdings": [{"activity": "delivery", "data": "attendance", "system": "esign", "collected": "2026-04-01", "ref": "esign:envelopes/8"}]}
)";
  std::filesystem::path store = make_store(dir, kRegister, subjects, "");
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO purge_pending SELECT id FROM subject");
  }
  nlohmann::json out = purge(store, "2026-05-01", {});
  CHECK(out["summary"]["subjects_erased"] == 1);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-6'") == 0);
  CHECK(count(store, "SELECT count(*) FROM identifier WHERE value = 's6@mail.example'") == 0);
  CHECK(log_actions(store) == "E");
  // S-8 has holdings again: off the list. S-7 stays listed under its hold.
  CHECK(count(store, "SELECT count(*) FROM purge_pending p JOIN subject s ON s.id = p.subject_id WHERE s.key = 'S-7'") == 1);
  CHECK(count(store, "SELECT count(*) FROM purge_pending") == 1);
  // Once the hold is lifted, the next run erases S-7.
  write_text(dir / "lift.jsonl", R"({"key": "S-7", "legal_hold": false})" "\n");
  REQUIRE(run("dpo-subject", {"import", "-q", "--store", store.string(), (dir / "lift.jsonl").string()}).exit_code == 0);
  CHECK(purge(store, "2026-05-02", {})["summary"]["subjects_erased"] == 1);
  CHECK(count(store, "SELECT count(*) FROM subject") == 1);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'S-8'") == 1);
  CHECK(count(store, "SELECT count(*) FROM purge_pending") == 0);
  CHECK(log_actions(store) == "EE");
  CHECK(dangling(store) == 0);
}

TEST_CASE("old consent proof is cut oldest first with a checkpoint, and the ledger still verifies",
          "[cli][purge]") {
  TempDir dir;
  std::string reg = replaced(kRegister, "validity: P1Y, marketing: true", "validity: P1Y, proof: P1Y, marketing: true");
  reg = replaced(reg, "{ id: alumni, label: Alumni, consent: required, validity: P1Y }",
                 "{ id: alumni, label: Alumni, consent: required, validity: P1Y, proof: P1Y }");
  std::filesystem::path store = make_store(dir, reg, kSubjects, kConsents);
  // The newsletter grant closed with the withdrawal (1 March 2026), its proof runs a year more;
  // the withdrawal itself ended the consent then; the alumni consent expired 1 February 2026.
  CHECK(purge(store, "2027-02-28", {})["summary"]["consent_events_cut"] == 0);
  CHECK(purge(store, "2027-03-01T10:00:00+01:00", {})["summary"]["consent_events_cut"] == 3);
  Run v = run("dpo-consent", {"verify", "--store", store.string(), "--format", "json"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("\"checkpoint\": {\n    \"through_seq\": 3") != std::string::npos);
  // The checkpoint is journaled in the transaction that cut: a run killed
  // before it finished (its own journal record and end never written) leaves
  // a ledger that verifies, and a grant may follow.
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM journal WHERE id = (SELECT max(id) FROM journal) AND command = 'purge';"
            "UPDATE purge_run SET finished = NULL, counts = NULL WHERE id = (SELECT max(id) FROM purge_run)");
  }
  CHECK(run("dpo-consent", {"verify", "--store", store.string()}).exit_code == 0);
  CHECK(run("dpo-purge", {"verify", "--store", store.string()}).exit_code == 0);
  // A checkpoint whose journal record was deleted is not one dpokit made.
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM journal WHERE id = (SELECT max(id) FROM journal) AND command = 'purge consent proof'");
  }
  Run forged = run("dpo-consent", {"verify", "--store", store.string()});
  CHECK(forged.exit_code == 1);
  CHECK(forged.out == "ledger broken: checkpoint 1 (through event 3) is not in the journal: it was not made by dpo purge\n");
}

TEST_CASE("a purge that would cut consent proof refuses a ledger whose last event was deleted", "[cli][purge]") {
  TempDir dir;
  std::string reg = replaced(kRegister, "validity: P1Y, marketing: true", "validity: P1Y, proof: P1Y, marketing: true");
  std::filesystem::path store = make_store(dir, reg, kSubjects, kConsents);
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM consent_event WHERE seq = 3");
  }
  std::string before = dump(store);
  for (bool dry : {true, false}) {
    std::vector<std::string> args{"--store", store.string(), "--as-of", "2027-03-01T10:00:00+01:00"};
    if (dry) args.push_back("--dry-run");
    Run r = run("dpo-purge", args);
    CHECK(r.exit_code == 4);
    CHECK(r.err == "dpo-purge: the ledger fails verification; run dpo consent verify\n");
    // Before the fix the purge cut the ledger, wrote a checkpoint and a new
    // journaled head over the deletion, and exited 0.
    CHECK(dump(store) == before);
  }
  // A purge narrowed to one rule cuts no proof: it runs.
  CHECK(run("dpo-purge", {"-q", "--store", store.string(), "--as-of", "2027-03-01T10:00:00+01:00", "--rule",
                          "delivery/1"})
            .exit_code == 0);
  CHECK(run("dpo-consent", {"verify", "--store", store.string()}).exit_code == 1);
}

TEST_CASE("two purges never overlap: the second exits 5, or waits with --wait", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  int fd = ::open((store.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  Run busy = run("dpo-purge", {"--store", store.string(), "-q"});
  CHECK(busy.exit_code == 5);
  CHECK(busy.err == "dpo-purge: another purge is running on '" + store.string() + "'; retry later, or use --wait\n");
  std::thread release([fd] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::close(fd);
  });
  Run waited = run("dpo-purge", {"--store", store.string(), "--wait", "-q", "--as-of", "2026-01-01"});
  release.join();
  CHECK(waited.exit_code == 0);
}

TEST_CASE("erasure tasks are listed for scripts and closed when done, and the audit counts open ones", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  (void)purge(store, "2027-02-01", {});
  Run pending = run("dpo-purge", {"tasks", "--store", store.string(), "--pending", "--format", "jsonl"});
  // Every removed holding lives in another system too (crm, lms...): each is a task there.
  CHECK(std::count(pending.out.begin(), pending.out.end(), '\n') == 6);
  Run done = run("dpo-purge", {"done", "--store", store.string(), "1", "--by", "lms-sync"});
  CHECK(done.exit_code == 0);
  CHECK(done.err == "dpo-purge: closed 1 erasure task\n");
  Run again = run("dpo-purge", {"done", "--store", store.string(), "1", "7"});
  CHECK(again.exit_code == 3);
  CHECK(again.err == "dpo-purge: no open erasure task 1, 7; nothing was closed\n");
  Run still = run("dpo-purge", {"tasks", "--store", store.string(), "--pending", "--format", "jsonl"});
  CHECK(std::count(still.out.begin(), still.out.end(), '\n') == 5);
  Run audit = run("dpo-audit", {"--store", store.string(), "--as-of", "2027-02-01", "--format", "json",
                                "--fail-on", "never", "--rule", "GOV-001"});
  CHECK(audit.out.find(R"("id": "open-erasure-tasks",)") != std::string::npos);
  CHECK(audit.out.find("\"value\": 5\n") != std::string::npos);
}

TEST_CASE("an erasure task that must not run is cancelled with its reason, once", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  (void)purge(store, "2027-02-01", {});
  Run c = run("dpo-purge", {"tasks", "cancel", "--store", store.string(), "--as-of", "2027-02-02", "--by", "dpo", "2",
                            "--reason", "legal hold in the LMS"});
  CHECK(c.exit_code == 0);
  CHECK(c.out.empty());
  CHECK(c.err == "dpo-purge: cancelled erasure task 2\n");
  Run pending = run("dpo-purge", {"tasks", "--store", store.string(), "--pending", "--format", "jsonl"});
  CHECK(std::count(pending.out.begin(), pending.out.end(), '\n') == 5);
  Run all = run("dpo-purge", {"tasks", "--store", store.string(), "--format", "jsonl"});
  std::istringstream lines(all.out);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  nlohmann::json second = nlohmann::json::parse(line);
  CHECK(second["id"] == 2);
  CHECK(second["done_at"] == "2027-02-02T00:00:00+01:00");
  CHECK(second["done_by"] == "dpo");
  CHECK(second["cancelled"] == "legal hold in the LMS");
  CHECK(count(store, "SELECT count(*) FROM journal WHERE command = 'purge tasks cancel' AND counts = "
                     "'{\"cancelled\":1,\"task\":2}'") == 1);
  // Twice, an unknown task, or no reason: refused, nothing changed.
  Run again = run("dpo-purge", {"tasks", "cancel", "--store", store.string(), "2", "--reason", "again"});
  CHECK(again.exit_code == 3);
  CHECK(again.err == "dpo-purge: no open erasure task 2; nothing was cancelled\n");
  Run bare = run("dpo-purge", {"tasks", "cancel", "--store", store.string(), "3"});
  CHECK(bare.exit_code == 2);
  CHECK(bare.err.rfind("dpo-purge: --reason is required\n", 0) == 0);
  Run empty = run("dpo-purge", {"tasks", "cancel", "--store", store.string(), "3", "--reason", ""});
  CHECK(empty.exit_code == 2);
  CHECK(count(store, "SELECT count(*) FROM erasure_task WHERE done_at IS NULL") == 5);
}

// A task once named its record by the person's email or phone, values the
// erasure had just removed; a reason once forged lines in the task list.
TEST_CASE("erasure tasks name records by an id, never an email or a phone, and reasons are one line",
          "[cli][purge]") {
  TempDir dir;
  std::string subjects =
      R"({"key": "E-1", "identifiers": {"email": "secret@mail.example", "phone": "+33611223344", "crm": "C-9"}, )"
      R"("engagements": [{"activity": "mailing", "started": "2025-01-01"}], "holdings": [)"
      R"({"activity": "mailing", "data": "contact", "system": "email", "collected": "2025-01-01", "value": "a"}, )"
      R"({"activity": "mailing", "data": "contact", "system": "phone", "collected": "2025-01-02", "value": "b"}, )"
      R"({"activity": "mailing", "data": "contact", "system": "crm", "collected": "2025-01-03", "value": "c"}, )"
      R"({"activity": "mailing", "data": "contact", "system": "dpokit", "collected": "2025-01-04", "value": "d"}]})"
      "\n";
  std::filesystem::path store = make_store(dir, kRegister, subjects, "");
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-06-15", "--subject", "E-1", "-q"});
  CHECK(r.exit_code == 0);
  Run tasks = run("dpo-purge", {"tasks", "--store", store.string(), "--format", "jsonl"});
  std::vector<std::string> refs;
  std::istringstream lines(tasks.out);
  for (std::string line; std::getline(lines, line);) refs.push_back(nlohmann::json::parse(line)["ref"]);
  // Three systems besides the store: three tasks; the store's own holding needs none.
  CHECK(refs == std::vector<std::string>{"key:E-1", "key:E-1", "crm:C-9"});
  for (const std::string& reason : {std::string("   "), std::string("x\n     9  delete  forged"),
                                    std::string("x\x1b[31m")}) {
    Run bad = run("dpo-purge", {"tasks", "cancel", "--store", store.string(), "1", "--reason", reason});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.rfind("dpo-purge: --reason: ", 0) == 0);
  }
  CHECK(count(store, "SELECT count(*) FROM erasure_task WHERE done_at IS NULL") == 3);
}

TEST_CASE("a quiet purge prints one line for cron mail", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2027-02-01", "-q"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "6 holdings removed (4 deleted, 2 anonymised), 0 archived, 6 tasks for other systems, 0 subjects "
                 "erased, 0 consent events cut; 1 kept under legal hold, 1 due for review\n");
  CHECK(r.err.empty());
}

TEST_CASE("a dry run says so on its summary line, and the store keeps every byte", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  std::string before = dump(store);
  Run r = run("dpo-purge", {"--store", store.string(), "--as-of", "2027-02-01", "--dry-run", "-q"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "dry run, nothing changed; a run would report: 6 holdings removed (4 deleted, 2 anonymised), 0 "
                 "archived, 6 tasks for other systems, 0 subjects erased, 0 consent events cut; 1 kept under legal "
                 "hold, 1 due for review\n");
  Run one = run("dpo-purge", {"--store", store.string(), "--as-of", "2027-02-01", "-n", "--subject", "S-1"});
  CHECK(one.out.rfind("dry run, nothing changed; a run would report: 7 holdings erased, 7 erasure tasks", 0) == 0);
  CHECK(dump(store) == before);
}

TEST_CASE("a purge names an unknown rule or activity and changes nothing", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, kSubjects, kConsents);
  std::string before = dump(store);
  Run typo = run("dpo-purge", {"--store", store.string(), "--rule", "delivry/1"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err == "dpo-purge: unknown rule 'delivry/1' in --rule (did you mean 'delivery/1'?)\n");
  Run bad = run("dpo-purge", {"--store", store.string(), "--activity", "nope"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "dpo-purge: unknown activity 'nope' in --activity\n");
  CHECK(dump(store) == before);
}

namespace {

// The statements a run wrote to DPO_TRACE_SQL (each followed by a "-- N ms:"
// line), in order.
std::vector<std::string> traced_statements(const std::filesystem::path& trace) {
  std::vector<std::string> out;
  std::istringstream in(read_text(trace));
  std::string line, statement;
  while (std::getline(in, line)) {
    if (line.rfind("-- ", 0) == 0) {
      if (!statement.empty()) out.push_back(statement);
      statement.clear();
    } else {
      statement += (statement.empty() ? "" : "\n") + line;
    }
  }
  return out;
}

void no_function(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_null(ctx); }

}  // namespace

TEST_CASE("no statement of a purge reads a whole table of subjects, holdings or their log", "[cli][purge]") {
  // Without ANALYZE, SQLite plans the same way whatever the tables' sizes:
  // a scan found here is a scan of millions of rows at scale.
  TempDir dir;
  std::filesystem::path store =
      make_store(dir, kRegister, kSubjects + mailing_only({3}), kConsents + withdrawals({3}));
  std::string trace = "DPO_TRACE_SQL=" + (dir / "trace.sql").string();
  // Batches of two and groups of one: every statement of a batch, of a group and of the end runs.
  REQUIRE(run("dpo-purge", {"--store", store.string(), "--as-of", "2027-02-01", "-q"}, {},
              {trace, "DPO_PURGE_BATCH=2", "DPO_PURGE_GROUP=1"})
              .exit_code == 0);
  REQUIRE(run("dpo-purge", {"--store", store.string(), "--subject", "S-1", "-q"}, {}, {trace}).exit_code == 0);
  REQUIRE(count(store, "SELECT count(*) FROM deletion_log WHERE action = 'erase-subject'") == 1);  // S-3

  SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
  db.createFunction("dpo_hmac", 1, true, nullptr, no_function);
  db.createFunction("dpo_tally", 5, false, nullptr, no_function);
  db.createFunction("dpo_after", 2, true, nullptr, no_function);
  db.createFunction("dpo_log_entry", 8, false, nullptr, no_function);
  const std::set<std::string> big = {"holding", "subject",      "engagement",   "identifier",
                                     "consent_event", "deletion_log", "erasure_task"};
  const std::regex named(R"((?:FROM|JOIN)\s+(?:main\.|temp\.)?(\w+)(?:\s+(?!ON\b|WHERE\b|USING\b|CROSS\b|LEFT\b|JOIN\b|ORDER\b|GROUP\b|LIMIT\b)(\w+))?)",
                         std::regex::icase);
  const std::regex scan(R"(^SCAN (\w+))");
  std::vector<std::string> scans;
  int explained = 0;
  for (const std::string& sql : traced_statements(dir / "trace.sql")) {
    if (sql.rfind("CREATE TEMP", 0) == 0) {
      db.exec(sql);
      continue;
    }
    if (!std::regex_search(sql, std::regex("^(SELECT|INSERT|UPDATE|DELETE|WITH)"))) continue;
    // The consent ledger's walk, oldest first, stops at the first event whose proof must stay.
    if (sql.find("FROM consent_event e LEFT JOIN subject s ON s.id = e.subject_id ORDER BY e.seq") != std::string::npos)
      continue;
    std::map<std::string, std::string> table_of;  // alias or name -> table
    for (std::sregex_iterator m(sql.begin(), sql.end(), named), end; m != end; ++m) {
      table_of[(*m)[1]] = (*m)[1];
      if ((*m)[2].matched) table_of[(*m)[2]] = (*m)[1];
    }
    SQLite::Statement plan(db, "EXPLAIN QUERY PLAN " + sql);
    ++explained;
    while (plan.executeStep()) {
      std::string detail = plan.getColumn(3).getString();
      std::smatch s;
      if (!std::regex_search(detail, s, scan)) continue;
      auto t = table_of.find(s[1]);
      if (t != table_of.end() && big.count(t->second)) scans.push_back(detail + " in: " + sql.substr(0, 120));
    }
  }
  CHECK(explained > 40);
  CHECK(scans == std::vector<std::string>{});
}

namespace {

// Attendance sheets: in active use for a year after the course, then in
// intermediate archiving until the funders' ten years have run out.
const std::string kArchiveRegister = R"(version: 1
controller: { name: Test Org, contact: c@test.example, country: FR, timezone: Europe/Paris, language: en, reviewed: 2026-06-01 }
data_categories:
  - { id: identity, label: Identity }
  - { id: attendance, label: Attendance sheets }
purposes:
  - { id: training, label: Training }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    data: [identity, attendance]
    retention:
      - { data: [identity], keep: P1Y, from: end, action: delete }
      - { data: [attendance], keep: P1Y, from: end, action: archive }
      - { data: [attendance], keep: P10Y, from: end, action: delete, obligation: true, basis: "funders' checks" }
)";

const std::string kArchiveSubjects =
    R"({"key": "S-1", "engagements": [{"activity": "delivery", "started": "2025-11-03", "ended": "2026-01-31"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": "Sam Secret"}, {"activity": "delivery", "data": "attendance", "system": "dpokit", "collected": "2026-01-31", "value": "sheet A signed"}, {"activity": "delivery", "data": "attendance", "system": "esign", "collected": "2026-01-31", "ref": "esign:envelopes/1"}]}
)";

// The JSON a command printed, once it succeeded.
nlohmann::json output(const Run& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

// The rows of a query, columns joined by '|', a line each.
std::string column(const std::filesystem::path& store, const std::string& sql) {
  std::string out;
  SQLite::Database db(store.string());
  SQLite::Statement q(db, sql);
  while (q.executeStep()) {
    for (int i = 0; i < q.getColumnCount(); ++i) out += (i ? "|" : "") + q.getColumn(i).getString();
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("an archive rule moves holdings out of active use until their final deletion", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kArchiveRegister, kArchiveSubjects, "");

  // Not yet a year after the course: nothing moves. The access answer says
  // when the sheets go for good, not when they are archived.
  CHECK(purge(store, "2027-01-30", {})["summary"]["archived"] == 0);
  nlohmann::json before = output(
      run("dpo-sar", {"export", "--store", store.string(), "--as-of", "2027-01-30", "--format", "json", "S-1"}));
  CHECK(before["activities"][0]["holdings"][1]["retention"]["rule"] == "delivery/3");
  CHECK(before["activities"][0]["holdings"][1]["retention"]["until"] == "2036-01-31T00:00:00+01:00");

  // A year after it: the identity goes, both sheets are archived; the one in
  // the e-signature system gets an archiving task, the store's keeps its value.
  nlohmann::json run1 = purge(store, "2027-03-01", {});
  CHECK(run1["summary"]["deleted"] == 1);
  CHECK(run1["summary"]["archived"] == 2);
  CHECK(run1["summary"]["tasks"] == 2);
  CHECK(column(store, "SELECT system, coalesce(value, ref), archived_at FROM holding ORDER BY id") ==
        "dpokit|sheet A signed|1803855600\nesign|esign:envelopes/1|1803855600\n");
  CHECK(column(store, "SELECT system, ref, action FROM erasure_task ORDER BY id") ==
        "crm|key:S-1|delete\nesign|esign:envelopes/1|archive\n");
  CHECK(column(store, "SELECT action, rule_no, count(*) FROM deletion_log GROUP BY action, rule_no ORDER BY action") ==
        "archive|2|2\ndelete|1|1\n");
  CHECK(run("dpo-purge", {"verify", "--store", store.string()}).exit_code == 0);

  // Archiving is done once: the next run finds nothing to do.
  nlohmann::json run2 = purge(store, "2027-03-02", {});
  CHECK(run2["summary"]["archived"] == 0);
  CHECK(run2["summary"]["deleted"] == 0);

  // The everyday view leaves archived holdings out, and says so.
  Run show = run("dpo-subject", {"show", "--store", store.string(), "S-1"});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("holdings") == std::string::npos);
  CHECK(show.err == "dpo-subject: 2 archived holdings not shown; --archived shows them\n");
  Run archived = run("dpo-subject", {"show", "--store", store.string(), "--archived", "--format", "json", "S-1"});
  nlohmann::json shown = output(archived);
  REQUIRE(shown["holdings"].size() == 2);
  CHECK(shown["holdings"][0]["archived"] == "2027-03-01T00:00:00+01:00");
  CHECK(archived.err.empty());

  // The access answer gives them, archived, with the rule that deletes them.
  nlohmann::json sar = output(
      run("dpo-sar", {"export", "--store", store.string(), "--as-of", "2027-03-02", "--format", "json", "S-1"}));
  const nlohmann::json& sheet = sar["activities"][0]["holdings"][0];
  CHECK(sheet["archived"] == "2027-03-01T00:00:00+01:00");
  CHECK(sheet["retention"]["rule"] == "delivery/3");
  CHECK(sheet["retention"]["until"] == "2036-01-31T00:00:00+01:00");
  Run letter = run("dpo-sar", {"export", "--store", store.string(), "--as-of", "2027-03-02", "--format", "md",
                               "--lang", "fr", "S-1"});
  CHECK(letter.out.find("archivée le 1er mars 2027, accès restreint\u202F; puis 31 janvier 2036") != std::string::npos);

  // The audit counts them.
  nlohmann::json audit = output(run("dpo-audit", {"--store", store.string(), "--as-of", "2027-03-02", "--format",
                                                   "json", "--fail-on", "never"}));
  long long count = -1;
  for (const auto& k : audit["kpis"])
    if (k["id"] == "archived-holdings") count = k["value"].get<long long>();
  CHECK(count == 2);

  // An erasure request keeps them, under the funders' obligation, until its end.
  nlohmann::json erasure = output(run("dpo-purge", {"--store", store.string(), "--as-of", "2027-03-02", "--format",
                                                     "json", "--dry-run", "--subject", "S-1"}));
  CHECK(erasure["summary"]["erased"] == 0);
  CHECK(erasure["summary"]["kept"][0]["until"] == "2036-01-31T00:00:00+01:00");

  // Ten years after the course, the archive is deleted, and the person with it.
  nlohmann::json last = purge(store, "2036-02-01", {});
  CHECK(last["summary"]["deleted"] == 2);
  CHECK(last["summary"]["subjects_erased"] == 1);
  CHECK(column(store, "SELECT count(*) FROM holding") == "0\n");
}

TEST_CASE("purge tasks and purge log speak the register's language, their JSON Lines do not", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  REQUIRE(run("dpo-purge", {"run", "--store", store.string(), "--as-of", "2026-11-26", "-q"}).exit_code == 0);
  REQUIRE(run("dpo-purge", {"done", "--store", store.string(), "--as-of", "2026-11-27T16:00:00+01:00", "1", "-q"})
              .exit_code == 0);
  Run fr = run("dpo-purge", {"tasks", "--store", store.string()});
  CHECK(fr.out.starts_with(
      " tâche  action         système    référence                                état\n"
      "     1  anonymisation  lms        lms:users/1/grades                       faite le 27 novembre 2026 à 16 h 00\n"
      "     2  anonymisation  lms        lms:surveys/1/end-of-course              ouverte\n"));
  Run en = run("dpo-purge", {"tasks", "--store", store.string(), "--lang", "en"});
  CHECK(en.out.starts_with("  task  action     system     ref                                      state\n"
                           "     1  anonymise  lms        lms:users/1/grades                       done "
                           "2026-11-27T16:00:00+01:00\n"));
  Run log = run("dpo-purge", {"log", "--store", store.string()});
  CHECK(log.out.starts_with("  entrée  date                          exécution  action                     "
                            "traitement/catégorie                      règle  donnée\n"
                            "       1  26 novembre 2026 à 0 h 00             1  anonymisation              "
                            "training-delivery/assessment                  3  6\n"));
  CHECK(log.out.find("  effacement (personne)  ") != std::string::npos);
  for (const char* what : {"tasks", "log"})
    CHECK(run("dpo-purge", {what, "--store", store.string(), "--format", "jsonl"}).out ==
          run("dpo-purge", {what, "--store", store.string(), "--format", "jsonl", "--lang", "en"}).out);
}

TEST_CASE("a French purge counts what it removes as purged, some erased and some anonymised", "[cli][purge]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  Run r = run("dpo-purge", {"run", "--store", store.string(), "--as-of", "2026-11-26", "--dry-run"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("254 données purgées (97 effacées, 157 anonymisées), 0 archivée") != std::string::npos);
  Run en = run("dpo-purge", {"run", "--store", store.string(), "--as-of", "2026-11-26", "--dry-run", "--lang", "en"});
  CHECK(en.out.find("254 holdings removed (97 deleted, 157 anonymised)") != std::string::npos);
}
