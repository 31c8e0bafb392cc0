#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

Run sar(const std::filesystem::path& store, std::vector<std::string> args, const std::string& as_of) {
  args.insert(args.end(), {"--store", store.string(), "--as-of", as_of});
  return run("dpo-sar", args);
}

void ok(const Run& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// The example's store with one request for each letter, each made by the
// commands themselves at fixed instants:
//   1  access from L-2023-001, received 20 November 2026;
//   2  access from L-2023-009, received 2 November, extended on 20 November;
//   3  rectification from L-2023-002, refused on 24 November;
//   4  objection of L-2025-138 to the newsletter, applied on 23 November;
//   5  erasure for L-2024-100, received 16 November, run on 25 November.
std::filesystem::path letters_store(const TempDir& dir) {
  std::filesystem::path store = example_store(dir, true, true);
  ok(sar(store, {"open", "-q", "--type", "access", "--received", "2026-11-20", "L-2023-001"}, "2026-11-20"));
  ok(sar(store, {"open", "-q", "--type", "access", "--received", "2026-11-02", "L-2023-009"}, "2026-11-02"));
  ok(sar(store, {"extend", "-q", "2", "--reason", "Vos données sont réparties dans quatre systèmes, dont deux chez des "
                                                  "sous-traitants."},
         "2026-11-20"));
  ok(sar(store, {"open", "-q", "--type", "rectification", "--received", "2026-11-05", "L-2023-002"}, "2026-11-05"));
  ok(sar(store, {"close", "-q", "3", "--refuse", "--reason", "Les notes contestées sont celles du jury ; elles ne "
                                                             "sont pas inexactes."},
         "2026-11-24"));
  ok(sar(store, {"open", "-q", "--type", "objection", "--purpose", "newsletter", "--received", "2026-11-23",
                 "L-2025-138"},
         "2026-11-23"));
  ok(sar(store, {"open", "-q", "--type", "erasure", "--received", "2026-11-16", "L-2024-100"}, "2026-11-16"));
  ok(run("dpo-purge", {"--store", store.string(), "--as-of", "2026-11-25", "-q", "--subject", "L-2024-100"}));
  return store;
}

// The letter against tests/data/letters/NAME, byte for byte; with
// DPO_UPDATE_GOLDEN set, the file is written instead (review its diff).
void golden(const std::string& name, const std::string& actual) {
  std::filesystem::path file = source_dir() / "tests/data/letters" / name;
  if (std::getenv("DPO_UPDATE_GOLDEN")) write_text(file, actual);
  INFO(name);
  CHECK(actual == read_text(file));
}

constexpr const char* kAsOf = "2026-11-26";

}  // namespace

TEST_CASE("each letter is its golden file, in French and in English", "[cli][letters]") {
  TempDir dir;
  std::filesystem::path store = letters_store(dir);
  struct Case {
    const char* id;
    const char* name;
  };
  // No --kind: each follows from the request's type and state.
  for (Case c : {Case{"1", "access"}, Case{"2", "extension"}, Case{"3", "refusal"}, Case{"4", "objection"},
                 Case{"5", "erasure"}})
    for (const char* lang : {"fr", "en"}) {
      Run r = sar(store, {"letter", c.id, "--lang", lang}, kAsOf);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      golden(std::string(c.name) + "." + lang + ".md", r.out);
    }
  // The other formats, on the longest letter and the shortest.
  golden("access.fr.html", sar(store, {"letter", "1", "--lang", "fr", "--format", "html"}, kAsOf).out);
  golden("access.en.txt", sar(store, {"letter", "1", "--lang", "en", "--format", "text"}, kAsOf).out);
  golden("refusal.fr.txt", sar(store, {"letter", "3", "--lang", "fr", "--format", "text"}, kAsOf).out);
  // The extended request's answer, asked for before it is closed, is the
  // access letter; the civility sets the salutation and the closing.
  Run answer = sar(store, {"letter", "2", "--kind", "access", "--civility", "madam"}, kAsOf);
  ok(answer);
  CHECK(answer.out.find("**Objet\u202F: Votre demande d'accès à vos données personnelles (demande n° 2 reçue le 2 "
                        "novembre 2026)**\n\nMadame,\n") != std::string::npos);
  CHECK(answer.out.find("Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.\n") !=
        std::string::npos);
  // Louise Morel's record says madam (access.fr.md); the option still wins.
  Run told = sar(store, {"letter", "1", "--civility", "sir"}, kAsOf);
  ok(told);
  CHECK(told.out.find("Monsieur Louise Morel  \n12 rue des Capucins  \n69001 Lyon  \n") != std::string::npos);
  CHECK(told.out.find("\n\nMonsieur,\n") != std::string::npos);
  // Louise Vincent's gives none: "Madame, Monsieur," (refusal.fr.md).
  CHECK(sar(store, {"letter", "3"}, kAsOf).out.find("\n\nMadame, Monsieur,\n") != std::string::npos);
}

TEST_CASE("the access letter is the export's letter, and names the copies to attach on standard error",
          "[cli][letters]") {
  TempDir dir;
  std::filesystem::path store = letters_store(dir);
  Run letter = sar(store, {"letter", "1", "--format", "html"}, kAsOf);
  Run exported = sar(store, {"export", "--request", "1", "--format", "html"}, kAsOf);
  ok(letter);
  CHECK(letter.out == exported.out);
  // Without --request, the export answers the subject's open access request.
  CHECK(sar(store, {"export", "L-2023-001", "--format", "html"}, kAsOf).out == letter.out);
  // In the letter's language: the sender reads both.
  CHECK(
      letter.err.find("annexe 1\u202F: joindre une copie de l’enregistrement 'esign:envelopes/L-2023-001-attendance', "
                      "exporté du système 'esign'\n") != std::string::npos);
  CHECK(sar(store, {"letter", "1", "-q"}, kAsOf).err.empty());
  // The JSON answer gives what letters are addressed with too (Art. 15(1)).
  nlohmann::json j = nlohmann::json::parse(sar(store, {"export", "L-2023-001", "--format", "json"}, kAsOf).out);
  CHECK(j["subject"]["name"] == "Louise Morel");
  CHECK(j["subject"]["postal_address"] == nlohmann::json::array({"12 rue des Capucins", "69001 Lyon"}));
  CHECK(j["subject"]["civility"] == "madam");
  nlohmann::json none = nlohmann::json::parse(sar(store, {"export", "L-2023-009", "--format", "json"}, kAsOf).out);
  CHECK(none["subject"]["name"].is_null());
  CHECK(none["subject"]["postal_address"].is_null());
  CHECK(none["subject"]["civility"].is_null());
  for (const char* hidden : {"sha256:", "\"email\"", "| US", "Art. 6(1)", "2026-11-26"}) {
    INFO(hidden);
    CHECK(letter.out.find(hidden) == std::string::npos);
  }
}

TEST_CASE("a letter is the same bytes twice, in every format, and --out writes it with mode 0600", "[cli][letters]") {
  TempDir dir;
  std::filesystem::path store = letters_store(dir);
  for (const char* id : {"1", "2", "3", "4", "5"})
    for (const char* format : {"md", "html", "text"}) {
      INFO(id << " " << format);
      Run a = sar(store, {"letter", id, "--format", format, "--out", (dir / "a").string()}, kAsOf);
      Run b = sar(store, {"letter", id, "--format", format, "--out", (dir / "b").string()}, kAsOf);
      REQUIRE(a.exit_code == 0);
      REQUIRE(b.exit_code == 0);
      CHECK(read_text(dir / "a") == read_text(dir / "b"));
      CHECK(read_text(dir / "a") == sar(store, {"letter", id, "--format", format}, kAsOf).out);
      struct stat st {};
      REQUIRE(::stat((dir / "a").c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0600);
    }
}

TEST_CASE("a kept-until date already past reads as the next purge", "[cli][letters]") {
  const std::string reg = R"(version: 1
controller: { name: Test Org, address: "1 rue de la Paix, 75002 Paris, France", contact: c@test.example, country: FR, timezone: Europe/Paris, language: en, authority: CNIL, reviewed: 2026-06-01 }
data_categories:
  - { id: identity, label: Identity }
  - { id: results, label: Results }
purposes:
  - { id: training, label: Training }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    source: data-subject
    data: [identity, results]
    retention:
      - { data: [identity], keep: P1Y, from: end, action: delete }
      - { data: [results], keep: P1Y, from: end, action: anonymise }
)";
  const std::string subjects =
      R"({"key": "S-1", "identifiers": {"email": "s1@mail.example", "name": "Sam Martin", "address": "2 rue Haute, 69001 Lyon"}, "engagements": [{"activity": "delivery", "started": "2025-11-03", "ended": "2026-01-31"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": "Sam Martin"}, {"activity": "delivery", "data": "results", "system": "lms", "collected": "2026-01-31", "ref": "lms:users/1"}]})"
      "\n";
  TempDir dir;
  std::filesystem::path store = make_store(dir, reg, subjects, "");
  ok(sar(store, {"open", "-q", "--type", "access", "--received", "2026-11-20", "S-1"}, "2026-11-20"));
  // Before the deadline: its date. After it: the next purge removes it.
  Run before = sar(store, {"letter", "1", "--format", "text"}, "2026-11-26");
  ok(before);
  CHECK(before.out.find("Value: Sam Martin; Kept until: 31 January 2027\n") != std::string::npos);
  Run after = sar(store, {"letter", "1", "--format", "text"}, "2027-02-15");
  ok(after);
  CHECK(after.out.find("Value: Sam Martin; Kept until: to be erased at the next purge\n") != std::string::npos);
  CHECK(after.out.find("Value: copy attached (annex 1); Kept until: to be anonymised at the next purge\n") !=
        std::string::npos);
  Run fr = sar(store, {"letter", "1", "--format", "text", "--lang", "fr"}, "2027-02-15");
  CHECK(fr.out.find("Valeur\u202F: Sam Martin\u202F; Conservée jusqu'au\u202F: effacée lors de la prochaine purge\n") !=
        std::string::npos);
  // The recipient's block and the place come from the store.
  CHECK(after.out.find("Test Org\n1 rue de la Paix, 75002 Paris, France\nc@test.example\n\nSam Martin\n2 rue Haute, "
                       "69001 Lyon\ns1@mail.example\n\nParis, 15 February 2027\n") == 0);
  CHECK(fr.out.find("\n\nParis, le 15 février 2027\n") != std::string::npos);
}

TEST_CASE("a letter the request does not allow exits 3 with the reason and writes nothing", "[cli][letters]") {
  TempDir dir;
  std::filesystem::path store = letters_store(dir);
  ok(sar(store, {"open", "-q", "--type", "erasure", "--received", "2026-11-25", "L-2023-003"}, "2026-11-25"));
  ok(sar(store, {"open", "-q", "--type", "restriction", "--received", "2026-11-25", "L-2023-004"}, "2026-11-25"));
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : {
           Case{{"99"}, "dpo-sar: no request 99\n"},
           Case{{"1", "--kind", "extension"},
                "dpo-sar: request 1 has no extension letter: it was never extended ('dpo sar extend')\n"},
           Case{{"1", "--kind", "refusal"},
                "dpo-sar: request 1 has no refusal letter: it was not closed as refused ('dpo sar close --refuse')\n"},
           Case{{"5", "--kind", "access"},
                "dpo-sar: request 5 has no access letter: it is a request of type 'erasure'\n"},
           Case{{"6"}, "dpo-sar: request 6 has no erasure letter: no erasure was run since it was received ('dpo "
                       "purge --subject KEY')\n"},
           Case{{"7"}, "dpo-sar: request 7 is of type 'restriction', which has no letter of its own: give --kind\n"},
       }) {
    std::vector<std::string> args{"letter", "--out", (dir / "letter.md").string()};
    args.insert(args.end(), c.args.begin(), c.args.end());
    Run r = sar(store, args, kAsOf);
    INFO(c.message);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(!std::filesystem::exists(dir / "letter.md"));
  }
  CHECK(sar(store, {"letter", "1", "--kind", "apology"}, kAsOf).exit_code == 2);
}

TEST_CASE("close --refuse records the reasons as a refusal, given with --reason and no --outcome", "[cli][letters]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  ok(sar(store, {"open", "-q", "--type", "access", "--received", "2026-11-20", "L-2023-001"}, "2026-11-20"));
  CHECK(sar(store, {"close", "1", "--refuse"}, kAsOf).exit_code == 2);
  CHECK(sar(store, {"close", "1", "--reason", "why"}, kAsOf).exit_code == 2);
  CHECK(sar(store, {"close", "1", "--refuse", "--reason", "why", "--outcome", "sent"}, kAsOf).exit_code == 2);
  CHECK(sar(store, {"close", "1"}, kAsOf).exit_code == 2);
  Run closed = sar(store, {"close", "1", "--refuse", "--reason", "manifestly excessive", "--format", "json"}, kAsOf);
  ok(closed);
  nlohmann::json j = nlohmann::json::parse(closed.out);
  CHECK(j["refused"] == true);
  CHECK(j["outcome"] == "manifestly excessive");
  Run letter = sar(store, {"letter", "1", "--lang", "en"}, kAsOf);
  ok(letter);
  CHECK(letter.out.find("**Subject: Your request: no action taken (request no. 1 received on 20 November 2026)**") !=
        std::string::npos);
  CHECK(letter.out.find("\n\nmanifestly excessive\n\n") != std::string::npos);
  CHECK(letter.out.find("You may also seek a judicial remedy (Art. 79).") != std::string::npos);
  // An answered request is not refused.
  ok(sar(store, {"open", "-q", "--type", "access", "--received", "2026-11-21", "L-2023-001"}, "2026-11-21"));
  Run answered = sar(store, {"close", "2", "--outcome", "sent", "--format", "json"}, kAsOf);
  CHECK(nlohmann::json::parse(answered.out)["refused"] == false);
}

TEST_CASE("an objection on other grounds than direct marketing is acknowledged as weighed, with its deadline",
          "[cli][letters]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  ok(sar(store, {"open", "-q", "--type", "objection", "--received", "2026-11-20", "L-2023-001"}, "2026-11-20"));
  Run fr = sar(store, {"letter", "1", "--format", "text"}, kAsOf);
  ok(fr);
  CHECK(fr.out.find("Nous avons bien reçu, le 20 novembre 2026, votre opposition au traitement de vos données "
                    "(art. 21.1 du RGPD).\n") != std::string::npos);
  CHECK(fr.out.find("Nous vous ferons connaître notre décision au plus tard le 21 décembre 2026 (art. 12.3 du "
                    "RGPD).\n") != std::string::npos);
  CHECK(fr.out.find("prospection") == std::string::npos);
}
