#include <catch2/catch.hpp>

#include "base/error.h"
#include "manifest/yaml_fields.h"

using namespace dpo;

namespace {

// What parse_yaml reports about `text`, one "line:column message" a problem.
std::vector<std::string> problems_of(const std::string& text) {
  Diagnostics d;
  manifest::YamlSource source("f.yaml", d);
  (void)manifest::parse_yaml(text, source);
  std::vector<std::string> out;
  for (const Diagnostic& p : d.items())
    out.push_back(std::to_string(p.where.line) + ":" + std::to_string(p.where.column) + " " + p.message);
  return out;
}

}  // namespace

TEST_CASE("a quote never closed is reported where it opens, not as the keys it swallowed", "[manifest]") {
  CHECK(problems_of("id: BR-1\ntitle: \"Stolen laptop\naware_at: 2026-05-29T10:00:00+02:00\n") ==
        std::vector<std::string>{"2:8 bad YAML: a quote that is never closed"});
  CHECK(problems_of("a: 1\nb: 'it''s\nc: 2\n") == std::vector<std::string>{"2:4 bad YAML: a quote that is never closed"});
}

TEST_CASE("closed quotes, escaped quotes and quoted values over several lines are fine", "[manifest]") {
  CHECK(problems_of("a: \"he said \\\"hi\\\"\"\nb: 'it''s'\nc: \"two\n  lines\"\n\"d\": x\n").empty());
  // Aliases repeat a node: it is looked at once.
  CHECK(problems_of("a: &q \"x\"\nb: [*q, *q, *q]\n").empty());
}

TEST_CASE("aliases may not expand a document past 16 MiB, and one file holds one document", "[manifest]") {
  // A 1 MiB string repeated through 20 aliases: 20 MiB once expanded, from a 1 MiB file.
  // A block scalar of 1,100 lines of 1,000 characters: 1.05 MiB, no line over the 1 MiB limit.
  std::string big = "|\n";
  for (int i = 0; i < 1100; ++i) big += "  " + std::string(1000, 'x') + "\n";
  std::string text = "a: &s " + big + "b: [";
  for (int i = 0; i < 20; ++i) text += std::string(i ? ", " : "") + "*s";
  text += "]\n";
  CHECK(problems_of(text) == std::vector<std::string>{"1102:4 bad YAML: its aliases expand it past 16 MiB"});
  // Ten aliases: 11 MiB, accepted.
  std::string fine = "a: &s " + big + "b: [*s, *s, *s, *s, *s, *s, *s, *s, *s, *s]\n";
  CHECK(problems_of(fine).empty());
  // An alias that holds itself expands for ever.
  CHECK(problems_of("a: &s [x, *s]\n") == std::vector<std::string>{"1:4 bad YAML: its aliases expand it past 16 MiB"});
  CHECK(problems_of("a: 1\n---\nb: 2\n") == std::vector<std::string>{"2:1 bad YAML: a second document"});
  CHECK(problems_of("a: 1\n...\nb: 2\n") == std::vector<std::string>{"3:1 bad YAML: a second document"});
  CHECK(problems_of("a: 1\n...\n# only a comment after the end\n").empty());
  // yaml-cpp's LoadAll built nodes for ever on these tails (a fuzzer's find).
  CHECK(problems_of("- a\n, b\n") == std::vector<std::string>{"2:1 bad YAML: a second document"});
  CHECK(problems_of("- version: 1\n, [corntolP5Y{}\n") == std::vector<std::string>{"2:1 bad YAML: a second document"});
}
