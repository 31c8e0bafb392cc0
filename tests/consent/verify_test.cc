#include <catch2/catch.hpp>

#include "consent/verify.h"

using namespace dpo;
using namespace dpo::consent;

namespace {

// A healthy chain of n rows: row i's hash is a byte pattern, linked to i-1.
std::vector<ChainRow> chain(int n) {
  std::vector<ChainRow> rows;
  Sha256 prev{};
  for (int i = 1; i <= n; ++i) {
    ChainRow r;
    r.seq = i;
    r.hash.fill(static_cast<unsigned char>(i));
    r.recomputed = r.hash;
    r.prev = prev;
    prev = r.hash;
    rows.push_back(r);
  }
  return rows;
}

std::optional<ChainProblem> check(const std::vector<ChainRow>& rows) {
  ChainVerifier v(Sha256{}, 0);
  for (const ChainRow& r : rows)
    if (!v.add(r)) break;
  return v.finish();
}

std::string problem(const std::vector<ChainRow>& rows) {
  std::optional<ChainProblem> p = check(rows);
  return p ? p->str() : "ok";
}

}  // namespace

TEST_CASE("an untouched chain verifies, with its head and count", "[verify]") {
  ChainVerifier v(Sha256{}, 0);
  for (const ChainRow& r : chain(5)) CHECK(v.add(r));
  CHECK_FALSE(v.finish());
  CHECK(v.events() == 5);
  CHECK(v.head_seq() == 5);
  CHECK(v.head()[0] == 5);
  CHECK(problem({}) == "ok");
}

TEST_CASE("a modified event is named", "[verify]") {
  auto rows = chain(5);
  rows[2].recomputed[0] ^= 1;  // its content no longer gives its hash
  CHECK(problem(rows) == "event 3 was modified: its content no longer gives its hash");
  auto last = chain(5);
  last[4].recomputed[0] ^= 1;
  CHECK(problem(last) == "event 5 was modified: its content no longer gives its hash");
}

TEST_CASE("a deleted event is named by the gap it leaves", "[verify]") {
  auto rows = chain(5);
  rows.erase(rows.begin() + 2);
  CHECK(problem(rows) == "event 3 was deleted");
  auto two = chain(6);
  two.erase(two.begin() + 1, two.begin() + 3);
  CHECK(problem(two) == "events 2 to 3 were deleted");
}

TEST_CASE("events older than the chain's start are named as such, never as 'events 267 to 0'", "[verify]") {
  consent::ChainProblem p{consent::ChainProblem::Kind::deleted, 268, 0};
  CHECK(p.str() == "event 1 is older than where the chain starts (after event 267): a checkpoint was forged or moved");
}

TEST_CASE("an inserted event is named, whether or not its hash was forged", "[verify]") {
  // Forged: the intruder links to event 2 with a hash that matches its content.
  auto rows = chain(5);
  ChainRow x;
  x.hash.fill(0xEE);
  x.recomputed = x.hash;
  x.prev = rows[1].hash;
  rows.insert(rows.begin() + 2, x);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].seq = static_cast<std::int64_t>(i) + 1;
  CHECK(problem(rows) == "event 3 was inserted: the event after it follows the one before it");
  // Clumsy: its hash does not even match its content.
  rows[2].recomputed[0] ^= 1;
  CHECK(problem(rows) == "event 3 was inserted: the event after it follows the one before it");
}

TEST_CASE("two swapped events are named", "[verify]") {
  auto rows = chain(5);
  std::swap(rows[1], rows[2]);
  rows[1].seq = 2;
  rows[2].seq = 3;
  CHECK(problem(rows) == "events 2 and 3 were swapped");
}

TEST_CASE("a chain that starts at a checkpoint verifies from its hash", "[verify]") {
  auto rows = chain(5);
  ChainVerifier v(rows[1].hash, 2);  // events 1 and 2 were cut under their retention rule
  for (std::size_t i = 2; i < rows.size(); ++i) v.add(rows[i]);
  CHECK_FALSE(v.finish());
  CHECK(v.events() == 3);
  ChainVerifier wrong(Sha256{}, 2);
  for (std::size_t i = 2; i < rows.size(); ++i) wrong.add(rows[i]);
  REQUIRE(wrong.finish());
}
