#include <catch2/catch.hpp>

#include "base/crypto.h"
#include "base/strings.h"

using namespace dpo;

TEST_CASE("a SHA-256 stream equals the hash of its pieces put together, and starts anew", "[crypto]") {
  Sha256Stream stream;
  stream.update("a");
  stream.update("");
  stream.update("bc");
  CHECK(to_hex(stream.finish()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  stream.update("abc");
  CHECK(stream.finish() == sha256("abc"));
  CHECK(to_hex(stream.finish()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
