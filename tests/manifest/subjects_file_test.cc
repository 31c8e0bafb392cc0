#include <catch2/catch.hpp>

#include "manifest/register_file.h"
#include "manifest/subjects_file.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const char* kRegister = R"(version: 1
controller: { name: Org, country: FR, timezone: Europe/Paris }
data_categories: [{ id: identity, label: Identity }, { id: contact, label: Contact }, { id: health, label: Health }]
purposes: [{ id: training, label: Training }]
activities:
  - { id: delivery, name: Delivery, purposes: [training], data: [identity, contact] }
  - { id: care, name: Care, purposes: [training], data: [health] }
)";

struct Read {
  std::vector<manifest::SubjectRecord> records;
  std::vector<std::string> problems;
  std::vector<std::string> warnings;
};

Read read(const std::string& text, manifest::RecordFormat format, const std::string& name) {
  static test::TempDir dir;
  test::write_text(dir / name, text);
  Register reg = manifest::parse_register(kRegister, "r.yaml");
  Diagnostics diagnostics;
  manifest::SubjectReader reader(dir / name, format, reg, *Zone::find("Europe/Paris"), diagnostics);
  Read out;
  manifest::SubjectRecord record;
  while (reader.next(record)) out.records.push_back(record);
  // Messages name the file by its path; keep only its name for the comparison.
  auto named = [&](const Diagnostic& d) {
    std::string s = d.str();
    auto at = s.find((dir / name).string());
    if (at != std::string::npos) s.replace(at, (dir / name).string().size(), name);
    return s;
  };
  for (const Diagnostic& d : diagnostics.items()) out.problems.push_back(named(d));
  for (const Diagnostic& d : reader.warnings()) out.warnings.push_back(named(d));
  return out;
}

}  // namespace

TEST_CASE("a JSON Lines subject reads into identifiers, flags, engagements and holdings", "[subjects]") {
  Read r = read(
      R"({"key": "L-1", "identifiers": {"email": " Ana@Example.ORG", "phone": ["+33 6 11 22 33 44", "07 52 33 44 55"]}, "birth_date": "2011-06-20", "cpf_funded": true, "engagements": [{"activity": "delivery", "started": "2026-01-05", "ended": "2026-03-27T17:00:00+01:00"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2026-01-02", "value": "Ana"}, {"activity": "delivery", "data": "contact", "system": "lms", "collected": "2026-01-02", "ref": "lms:users/1"}]}
)",
      manifest::RecordFormat::jsonl, "s.jsonl");
  REQUIRE(r.problems.empty());
  REQUIRE(r.records.size() == 1);
  const Subject& s = r.records[0].subject;
  CHECK(s.key.str() == "L-1");
  CHECK(s.identifiers == std::vector<Identifier>{{"email", "ana@example.org"}, {"phone", "+33611223344"}, {"phone", "+33752334455"}});
  CHECK(format_date(*s.birth_date) == "2011-06-20");
  CHECK(s.cpf_funded == true);
  CHECK_FALSE(s.legal_hold);
  REQUIRE(s.engagements.size() == 1);
  CHECK(format_utc(*s.engagements[0].started) == "2026-01-04T23:00:00Z");
  CHECK(format_utc(*s.engagements[0].ended) == "2026-03-27T16:00:00Z");
  REQUIRE(s.holdings.size() == 2);
  CHECK(s.holdings[0].value == "Ana");
  CHECK(s.holdings[1].ref == "lms:users/1");
  CHECK(r.records[0].where.line == 1);
}

TEST_CASE("bad JSON Lines are reported by line without their personal data", "[subjects]") {
  Read r = read(R"({"key": "L-1", "holdings": [{"activity": "delivry", "data": "identity", "system": "crm", "collected": "2026-01-02", "value": "Ana Secret"}]}
{"key": "L-2", "holdings": [{"activity": "delivery", "data": "health", "system": "crm", "collected": "2026-01-02", "value": "Bob Secret"}]}
{"key": "L-3", "birth_date": "20/06/2011", "email": "x", "holdngs": []}
{"key": "L-4", "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "yesterday", "value": "Cy"}]}
{"key": "L-5", "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2026-01-02"}]}
{"key": "L-6", broken
["not", "an", "object"]
{"key": "L-8", "cpf_funded": "yes"}
{"key": "L-9", "engagements": [{"activity": "care", "started": "2026-02-01", "ended": "2026-01-01"}]}
{"key": "L-10", "holdings": [{"activity": "delivery", "data": "identiy", "system": "crm", "collected": "2026-01-02", "value": "x"}]}
)",
                manifest::RecordFormat::jsonl, "bad.jsonl");
  CHECK(r.records.empty());
  // Problems inside a list point at the list's key; the message names the element.
  std::vector<std::string> expected = {
      "unknown activity 'delivry' in 'holdings[0].activity' at bad.jsonl:1:16 (did you mean 'delivery'?)",
      "activity 'delivery' does not list data category 'health' ('holdings[0].data') at bad.jsonl:2:16 (add it to "
      "the activity's 'data' in the register, or file the holding under another activity)",
      "unknown key 'email' at bad.jsonl:3:44 (put identifiers under 'identifiers', like {\"identifiers\": "
      "{\"email\": ...}})",
      "unknown key 'holdngs' at bad.jsonl:3:58 (did you mean 'holdings'?)",
      "bad date in 'birth_date' at bad.jsonl:3:16 (expected a date YYYY-MM-DD)",
      "bad time in 'holdings[0].collected' at bad.jsonl:4:16 (expected an RFC 3339 time like "
      "2026-05-29T16:00:00+02:00 or a date YYYY-MM-DD)",
      "a holding needs exactly one of 'holdings[0].value' and 'holdings[0].ref' at bad.jsonl:5:16",
      "bad JSON at bad.jsonl:6:16 (each line must be one JSON object)",
      "expected a JSON object at bad.jsonl:7 (each line must be one JSON object)",
      "expected true or false in 'cpf_funded' at bad.jsonl:8:16",
      "'engagements[0].ended' is before 'engagements[0].started' at bad.jsonl:9:16",
      "unknown data category 'identiy' in 'holdings[0].data' at bad.jsonl:10:17 (did you mean 'identity'?)",
  };
  CHECK(r.problems == expected);
  for (const std::string& p : r.problems) {
    CHECK(p.find("Secret") == std::string::npos);
    CHECK(p.find("20/06/2011") == std::string::npos);
  }
}

TEST_CASE("a value that is not id-shaped is never echoed: a name in the activity column is named by its field", "[subjects]") {
  Read r = read(R"({"key": "L-1", "holdings": [{"activity": "Louise Morel", "data": "Louise Morel", "system": "crm", "collected": "2026-01-02", "value": "x"}]}
)",
                manifest::RecordFormat::jsonl, "names.jsonl");
  REQUIRE(!r.problems.empty());
  CHECK(r.problems.front() ==
        "unknown activity in 'holdings[0].activity' at names.jsonl:1:16 (define it in the register and import it first)");
  for (const std::string& p : r.problems) CHECK(p.find("Louise") == std::string::npos);
}

TEST_CASE("a key of 200 characters is accepted however many bytes they take, not 201 nor invisible ones",
          "[subjects]") {
  std::string e_acute = "\xc3\xa9";
  std::string key200, key201;
  for (int i = 0; i < 200; ++i) key200 += e_acute;
  key201 = key200 + e_acute;
  auto line = [](const std::string& key) { return R"({"key": ")" + key + R"("})" + std::string("\n"); };
  CHECK(read(line(key200), manifest::RecordFormat::jsonl, "k200.jsonl").problems.empty());
  CHECK(read(line(key201), manifest::RecordFormat::jsonl, "k201.jsonl").problems ==
        std::vector<std::string>{"subject key longer than 200 characters at k201.jsonl:1:2"});
  CHECK(read(line("L-\xe2\x80\x8b" "1"), manifest::RecordFormat::jsonl, "zw.jsonl").problems ==
        std::vector<std::string>{"a zero-width character in a subject key at zw.jsonl:1:2 (keys are plain text: remove it)"});
  CHECK(read(line("L-\xe2\x80\xae" "1"), manifest::RecordFormat::jsonl, "bidi.jsonl").problems ==
        std::vector<std::string>{"a bidirectional control in a subject key at bidi.jsonl:1:2 (keys are plain text: remove it)"});
  CHECK(read(line("L-\xc2\x85" "1"), manifest::RecordFormat::jsonl, "c1.jsonl").problems ==
        std::vector<std::string>{"a control character in a subject key at c1.jsonl:1:2 (keys are plain text: remove it)"});
}

TEST_CASE("a phone number that is not a valid one is refused at its place, without its digits", "[subjects]") {
  Read jsonl = read(R"({"key": "L-1", "identifiers": {"phone": "06 55 44"}}
{"key": "L-2", "identifiers": {"phone": "0692 55 44 33"}}
{"key": "L-3", "identifiers": {"phone": "+262 692 12 34 56"}}
)",
                    manifest::RecordFormat::jsonl, "p.jsonl");
  const char* why = "identifier 'phone' is not a valid phone number (one without its country code is read as FR's)";
  const char* fix = "(write it whole, with its country code, like +33 6 12 34 56 78)";
  CHECK(jsonl.problems == std::vector<std::string>{std::string(why) + " at p.jsonl:1:16 " + fix,
                                                   std::string(why) + " at p.jsonl:2:16 " + fix});
  REQUIRE(jsonl.records.size() == 1);
  CHECK(jsonl.records[0].subject.identifiers == std::vector<Identifier>{{"phone", "+262692123456"}});
  Read csv = read("key,phone\r\nL-1,06 12 34 56 78 90\r\nL-2,+33 (0)6 12 34 56 78\r\n", manifest::RecordFormat::csv,
                  "p.csv");
  CHECK(csv.problems == std::vector<std::string>{std::string(why) + " at p.csv:2:5 " + fix});
  REQUIRE(csv.records.size() == 1);
  CHECK(csv.records[0].subject.identifiers == std::vector<Identifier>{{"phone", "+33612345678"}});
  for (const std::string& p : jsonl.problems) CHECK(p.find("55 44") == std::string::npos);
}

TEST_CASE("a CSV subjects file flattens one engagement and one holding a row", "[subjects]") {
  Read r = read("key,email,cpf_funded,activity,started,ended,data,system,collected,value,ref\r\n"
                "L-1,ana@example.org,true,delivery,2026-01-05,2026-03-27,identity,crm,2026-01-02,\"Ana, \"\"the\"\" first\",\r\n"
                "L-1,,,delivery,,,contact,lms,2026-01-02,,lms:users/1\r\n",
                manifest::RecordFormat::csv, "s.csv");
  REQUIRE(r.problems.empty());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].subject.identifiers == std::vector<Identifier>{{"email", "ana@example.org"}});
  CHECK(r.records[0].subject.engagements.size() == 1);
  CHECK(r.records[0].subject.holdings.at(0).value == "Ana, \"the\" first");
  CHECK(r.records[1].subject.engagements.empty());
  CHECK(r.records[1].subject.holdings.at(0).ref == "lms:users/1");
  CHECK(r.records[1].where.line == 3);
}

TEST_CASE("a bad CSV subjects file is reported by line and column", "[subjects]") {
  Read header = read("key,emial\nL-1,a@b.c\n", manifest::RecordFormat::csv, "h.csv");
  CHECK(header.problems == std::vector<std::string>{"unknown column 'emial' at h.csv:1:5 (did you mean 'email'?)"});
  Read rows = read("key,activity,data,system,collected,value\n"
                   "L-1,delivery,identity,crm,2026-13-01,x\n"
                   "L-2,delivery,identity,crm,2026-01-01,\"unterminated\n",
                   manifest::RecordFormat::csv, "r.csv");
  CHECK(rows.problems == std::vector<std::string>{
                             "bad time in 'collected' at r.csv:2:27 (no such day in the calendar)",
                             "unterminated quoted CSV cell at r.csv:3:38 (close it with '\"')"});
  // A quote closed before the cell ends is a mistake, not a value to guess.
  Read stray = read("key,activity,data,system,collected,value\n"
                    "L-1,delivery,identity,crm,2026-01-01,\"news\"letter\n"
                    "L-2,delivery,identity,crm,2026-01-01,\"a \"\"b\"\" c\"\n",
                    manifest::RecordFormat::csv, "q.csv");
  CHECK(stray.problems == std::vector<std::string>{"text after the closing quote of a CSV cell at q.csv:2:44 (quote "
                                                   "the whole cell and double each quote in it, like \"a \"\"b\"\" "
                                                   "c\")"});
  REQUIRE(stray.records.size() == 1);
  CHECK(stray.records[0].subject.holdings.at(0).value == "a \"b\" c");
}

TEST_CASE("a subject's name, postal address and form of address read into their fields, not identifiers",
          "[subjects]") {
  Read r = read(R"({"key": "L-1", "identifiers": {"email": "a@b.example"}, "name": " Marie Dupont ", "postal_address": ["Appartement 4", "", "8 quai Saint-Vincent", "69001 Lyon"], "civility": "madam"}
{"key": "L-2", "name": "Marie Dupont", "postal_address": "2 rue Haute, 69001 Lyon"}
{"key": "L-3"}
)",
                manifest::RecordFormat::jsonl, "s.jsonl");
  REQUIRE(r.problems.empty());
  REQUIRE(r.records.size() == 3);
  const Subject& a = r.records[0].subject;
  CHECK(a.identifiers == std::vector<Identifier>{{"email", "a@b.example"}});
  CHECK(a.name == "Marie Dupont");
  CHECK(a.postal_address == std::vector<std::string>{"Appartement 4", "8 quai Saint-Vincent", "69001 Lyon"});
  CHECK(a.civility == Civility::madam);
  // Two people of one name: no conflict, as a name finds no one.
  const Subject& b = r.records[1].subject;
  CHECK(b.name == "Marie Dupont");
  CHECK(b.postal_address == std::vector<std::string>{"2 rue Haute, 69001 Lyon"});
  CHECK_FALSE(b.civility);
  // Absent: the store keeps what it holds.
  const Subject& c = r.records[2].subject;
  CHECK_FALSE(c.name);
  CHECK_FALSE(c.postal_address);
  CHECK_FALSE(c.civility);
  CHECK(r.warnings.empty());
}

TEST_CASE("identifiers of kinds name and address still read, into the new fields, with one warning each",
          "[subjects]") {
  Read r = read(R"({"key": "L-1", "identifiers": {"email": "a@b.example", "name": "Sam Martin", "address": "2 rue Haute, 69001 Lyon"}}
{"key": "L-2", "identifiers": {"name": ["Ana Lopez", "Ana López"]}}
{"key": "L-3", "identifiers": {"name": "Old Name"}, "name": "New Name"}
)",
                manifest::RecordFormat::jsonl, "s.jsonl");
  REQUIRE(r.problems.empty());
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].subject.identifiers == std::vector<Identifier>{{"email", "a@b.example"}});
  CHECK(r.records[0].subject.name == "Sam Martin");
  CHECK(r.records[0].subject.postal_address == std::vector<std::string>{"2 rue Haute, 69001 Lyon"});
  CHECK(r.records[1].subject.identifiers.empty());
  CHECK(r.records[1].subject.name == "Ana Lopez");
  CHECK(r.records[2].subject.name == "New Name");
  CHECK(r.warnings == std::vector<std::string>{
                          "identifier 'name' is now the subject's 'name' (on 3 lines) at s.jsonl:1:16 (write "
                          "\"name\": \"...\" beside \"identifiers\")",
                          "identifier 'address' is now the subject's 'postal_address' at s.jsonl:1:16 (write "
                          "\"postal_address\": [\"...\", \"...\"] beside \"identifiers\")"});
}

TEST_CASE("a bad form of address, address or name is refused at its place, without its value", "[subjects]") {
  Read r = read(R"({"key": "L-1", "civility": "Mme"}
{"key": "L-2", "postal_address": ["1", "2", "3", "4", "5", "6", "7"]}
{"key": "L-3", "postal_address": [1]}
{"key": "L-4", "name": "Ana\u200bSecret"}
)",
                manifest::RecordFormat::jsonl, "s.jsonl");
  CHECK(r.records.size() == 0);
  REQUIRE(r.problems.size() == 4);
  CHECK(r.problems[0] == "expected madam or sir in 'civility' at s.jsonl:1:16 (leave it out when the person has not said)");
  CHECK(r.problems[1] == "more than 6 lines in 'postal_address' at s.jsonl:2:16 (a postal address has at most six "
                         "lines (NF Z10-011); join the others)");
  CHECK(r.problems[2].starts_with("expected strings in 'postal_address' at s.jsonl:3:"));
  CHECK(r.problems[3].find("in 'name' at s.jsonl:4:16") != std::string::npos);
  for (const std::string& p : r.problems) CHECK(p.find("Secret") == std::string::npos);
}

TEST_CASE("a CSV subjects file gives the name, the address's lines inside its cell and the form of address",
          "[subjects]") {
  Read r = read("key,name,postal_address,civility\r\nL-1,Hugo Moreau,\"14 rue de la République\n69002 Lyon\",sir\r\n",
                manifest::RecordFormat::csv, "s.csv");
  REQUIRE(r.problems.empty());
  REQUIRE(r.records.size() == 1);
  const Subject& s = r.records[0].subject;
  CHECK(s.name == "Hugo Moreau");
  CHECK(s.postal_address == std::vector<std::string>{"14 rue de la République", "69002 Lyon"});
  CHECK(s.civility == Civility::sir);
}
