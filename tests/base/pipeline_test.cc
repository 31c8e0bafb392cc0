#include "base/pipeline.h"

#include <catch2/catch.hpp>

#include <stdexcept>

#include "base/error.h"

using namespace dpo;

namespace {

// 0 .. count-1 in batches of `size`, counting what was produced.
std::function<void(const Pipeline<int>::HandOver&)> numbers(int count, std::size_t size, int* produced) {
  return [=](const Pipeline<int>::HandOver& hand_over) {
    std::vector<int> batch;
    for (int i = 0; i < count; ++i) {
      batch.push_back(i);
      ++*produced;
      if (batch.size() < size) continue;
      if (!hand_over(std::move(batch))) return;
      batch = {};
    }
    hand_over(std::move(batch));
  };
}

}  // namespace

TEST_CASE("a pipeline hands every item over, in order, then an empty batch") {
  int produced = 0;
  Pipeline<int> p(numbers(10000, 7, &produced));
  int expected = 0;
  for (std::vector<int> batch = p.next(); !batch.empty(); batch = p.next())
    for (int i : batch) CHECK(i == expected++);
  CHECK(expected == 10000);
  CHECK(p.next().empty());
}

TEST_CASE("a pipeline stopped early stops its producer within the batches ahead") {
  int produced = 0;
  {
    Pipeline<int> p(numbers(1000000, 10, &produced), 2);
    CHECK(p.next().size() == 10);
  }  // destroyed: stopped and joined
  CHECK(produced < 100);
}

TEST_CASE("what the producer throws comes out of next()") {
  Pipeline<int> p([](const Pipeline<int>::HandOver& hand_over) {
    hand_over({1, 2});
    throw std::runtime_error("disk gone");
  });
  CHECK(p.next() == std::vector<int>{1, 2});
  CHECK_THROWS_WITH(p.next(), "disk gone");
}

TEST_CASE("diagnostics merged from two passes read in file order") {
  Diagnostics db, file;
  file.add({"f.jsonl", 2, 1}, "bad date");
  db.add({"f.jsonl", 1, 1}, "unknown subject");
  file.add({"f.jsonl", 3, 5}, "bad purpose");
  db.add({"f.jsonl", 3, 1}, "minor");
  db.merge(file);
  REQUIRE(db.size() == 4);
  std::vector<std::string> messages;
  for (const Diagnostic& d : db.items()) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{"unknown subject", "bad date", "minor", "bad purpose"});
}
