#include <catch2/catch.hpp>

#include <sstream>
#include <sys/stat.h>

#include "base/crypto.h"
#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

struct GoldenCase {
  std::string file;               ///< under tests/data/notices/
  std::vector<std::string> args;  ///< after `dpo-register notice`
};

// tests/data/notices/cases.txt or another list there, which make.sh reads too.
std::vector<GoldenCase> golden_cases(const char* list = "cases.txt") {
  std::istringstream lines(read_text(source_dir() / "tests/data/notices" / list));
  std::vector<GoldenCase> out;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    GoldenCase c;
    words >> c.file;
    for (std::string w; words >> w;) c.args.push_back(w);
    out.push_back(std::move(c));
  }
  return out;
}

// The last line of a text that ends with one.
std::string last_line(const std::string& text) {
  std::size_t at = text.size() < 2 ? std::string::npos : text.rfind('\n', text.size() - 2);
  return at == std::string::npos ? text : text.substr(at + 1);
}

Run notice(const std::filesystem::path& store, std::vector<std::string> args) {
  args.insert(args.begin(), {"notice", "--store", store.string()});
  return run("dpo-register", args);
}

}  // namespace

TEST_CASE("the example's notices equal their golden files byte for byte, and their hash is printed",
          "[cli][notice]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::vector<GoldenCase> cases = golden_cases();
  REQUIRE(cases.size() >= 10);
  for (const GoldenCase& c : cases) {
    INFO(c.file);
    Run r = notice(store, c.args);
    REQUIRE(r.exit_code == 0);
    std::string golden = read_text(source_dir() / "tests/data/notices" / c.file);
    CHECK(r.out == golden);
    // Warnings first, the hash of standard output last, as sha256sum writes it.
    CHECK(last_line(r.err) == dpo::sha256_hex(golden) + "  -\n");
  }
}

TEST_CASE("a register's legitimate interest is stated in its notices, equal to their golden files byte for byte",
          "[cli][notice]") {
  TempDir dir;
  std::filesystem::path store =
      make_store(dir, read_text(source_dir() / "tests/data/notices/interest-register.yaml"), "", "");
  std::vector<GoldenCase> cases = golden_cases("interest-cases.txt");
  REQUIRE(cases.size() == 4);
  for (const GoldenCase& c : cases) {
    INFO(c.file);
    Run r = notice(store, c.args);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == read_text(source_dir() / "tests/data/notices" / c.file));
    CHECK(r.out.find("prévenir la fraude aux financements de la formation professionnelle") != std::string::npos);
  }
}

TEST_CASE(
    "a notice is refused when the register states no interest for a purpose on legitimate interests, and "
    "--interest is no longer an option",
    "[cli][notice]") {
  TempDir dir;
  std::string reg =
      replaced(read_text(source_dir() / "tests/data/notices/interest-register.yaml"),
               "        interest: prévenir la fraude aux financements de la formation professionnelle\n", "");
  std::filesystem::path store = make_store(dir, reg, "", "");
  std::filesystem::path file = dir / "n.txt";
  Run r = notice(store, {"funding-control", "--out", file.string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err ==
        "dpo-register: purpose 'fraud-checks' rests on legitimate interests, whose interest pursued the "
        "notice must state (Art. 13(1)(d), 14(2)(b)); write it as 'interest' beside 'legitimate-interests' in "
        "the legal_basis of activity 'funding-control' in the register\n");
  CHECK(!std::filesystem::exists(file));
  // The purpose on a legal obligation alone needs no interest.
  CHECK(notice(store, {"funding-control", "--purpose", "funding-claims", "-q"}).exit_code == 0);
  Run old = notice(store, {"funding-control", "--interest", "preventing fraud", "--out", file.string()});
  CHECK(old.exit_code == 2);
  CHECK(!std::filesystem::exists(file));
}

TEST_CASE("the example's consent ledger records the hashes of the notices the command writes", "[cli][notice]") {
  std::filesystem::path example = source_dir() / "examples/training-org";
  std::string ledger = read_text(example / "consents.jsonl");
  for (const char* version : {"newsletter-v2", "alumni-community-v1", "testimonial-v1", "referral-v1"}) {
    INFO(version);
    std::string hash = dpo::sha256_hex(read_text(example / "notices" / (std::string(version) + ".txt")));
    CHECK(ledger.find(R"("version": ")" + std::string(version) + R"(", "sha256": ")" + hash + "\"") !=
          std::string::npos);
  }
}

TEST_CASE("notice --out writes the file 0600 and prints the SHA-256 of its bytes on standard output",
          "[cli][notice]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::filesystem::path file = dir / "notice.html";
  Run r = notice(store, {"newsletter", "--format", "html", "--out", file.string()});
  REQUIRE(r.exit_code == 0);
  std::string written = read_text(file);
  CHECK(r.out == dpo::sha256_hex(written) + "  " + file.string() + "\n");
  CHECK(r.err.empty());
  struct stat st {};
  REQUIRE(stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  // The same notice on standard output: the same bytes, the same hash, on standard error.
  Run again = notice(store, {"newsletter", "--format", "html", "-q"});
  CHECK(again.out == written);
  CHECK(again.err == dpo::sha256_hex(written) + "  -\n");
}

TEST_CASE("notice refuses an unknown activity or a purpose the activity does not serve, writing nothing",
          "[cli][notice]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::filesystem::path file = dir / "n.txt";
  struct Bad {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Bad& b : {
           Bad{{"newsleter"}, "dpo-register: unknown activity 'newsleter' in the register\n"},
           // Not the shape of an id: perhaps a person's name, never echoed.
           Bad{{"Louise Morel"}, "dpo-register: unknown activity in the register\n"},
           Bad{{"newsletter", "--purpose", "training"},
               "dpo-register: unknown purpose 'training' in --purpose: activity 'newsletter' does not serve it\n"},
           Bad{{"newsletter", "--purpose", "nope"},
               "dpo-register: unknown purpose 'nope' in --purpose: activity 'newsletter' does not serve it\n"},
       }) {
    std::vector<std::string> args = b.args;
    args.insert(args.end(), {"--out", file.string()});
    Run r = notice(store, args);
    CHECK(r.exit_code == 3);
    CHECK(r.err == b.message);
    CHECK(r.out.empty());
    CHECK(!std::filesystem::exists(file));
  }
}
