#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>

#include "base/crypto.h"
#include "base/error.h"
#include "base/file.h"
#include "base/strings.h"
#include "support/support.h"

using namespace dpo;

namespace {
unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("atomic files are mode 0600 whatever the umask", "[file]") {
  test::TempDir dir;
  mode_t old = ::umask(0);
  write_file_atomically(dir / "report.json", "{}\n");
  ::umask(old);
  CHECK(mode_of(dir / "report.json") == 0600);
  CHECK(test::read_text(dir / "report.json") == "{}\n");
}

TEST_CASE("an atomic file not committed leaves the old file and no temporary", "[file]") {
  test::TempDir dir;
  test::write_text(dir / "out.txt", "old");
  {
    AtomicFile file(dir / "out.txt");
    file.write("new but abandoned");
  }
  CHECK(test::read_text(dir / "out.txt") == "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("a committed atomic file replaces the old one whole", "[file]") {
  test::TempDir dir;
  test::write_text(dir / "out.txt", "old");
  AtomicFile file(dir / "out.txt");
  std::string big(200000, 'x');
  file.write(big);
  file.commit();
  CHECK(test::read_text(dir / "out.txt") == big);
}

TEST_CASE("private files are created 0600 and never over an existing file", "[file]") {
  test::TempDir dir;
  mode_t old = ::umask(0);
  CHECK(create_private_file(dir / "store"));
  ::umask(old);
  CHECK(mode_of(dir / "store") == 0600);
  CHECK_FALSE(create_private_file(dir / "store"));
}

TEST_CASE("a private append file is 0600, narrows a wider one and never follows a link", "[file]") {
  test::TempDir dir;
  mode_t old = ::umask(0);
  std::FILE* created = open_private_append(dir / "trace");
  ::umask(old);
  REQUIRE(created);
  std::fputs("one\n", created);
  std::fclose(created);
  CHECK(mode_of(dir / "trace") == 0600);

  ::chmod((dir / "trace").c_str(), 0644);
  std::FILE* again = open_private_append(dir / "trace");
  std::fputs("two\n", again);
  std::fclose(again);
  CHECK(mode_of(dir / "trace") == 0600);
  CHECK(test::read_text(dir / "trace") == "one\ntwo\n");

  std::filesystem::create_symlink(dir / "elsewhere", dir / "link");
  CHECK_THROWS_WITH(open_private_append(dir / "link"),
                    "cannot write '" + (dir / "link").string() + "': it is a symbolic link");
  CHECK_FALSE(std::filesystem::exists(dir / "elsewhere"));
  CHECK_THROWS_WITH(open_private_append(dir.path()),
                    Catch::Matchers::StartsWith("cannot write '" + dir.path().string() + "'"));
}

TEST_CASE("sha-256 and hmac-sha-256 match the published test vectors", "[crypto]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test case 2.
  std::string key = "Jefe";
  std::vector<unsigned char> k(key.begin(), key.end());
  Sha256 mac = hmac_sha256(k, "what do ya want for nothing?");
  CHECK(to_hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  Hmac keyed(k);
  CHECK(keyed("what do ya want for nothing?") == mac);
  CHECK(keyed("what do ya want for nothing?") == mac);  // the key survives a message
  CHECK(keyed("abc") == hmac_sha256(k, "abc"));
  CHECK(keyed("") == hmac_sha256(k, ""));
  CHECK(keyed("what do ya want for nothing?") == mac);  // and messages of other lengths
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(32) != random_bytes(32));
}

TEST_CASE("a uuid made from a hash is version 8 of the RFC 9562 variant, the same for the same hash", "[crypto]") {
  // SHA-256("abc") = ba7816bf 8f01 cfea 4141 40de5dae2223...: the version
  // nibble becomes 8, the variant's two top bits 10.
  CHECK(uuid_from(sha256("abc")) == "ba7816bf-8f01-8fea-8141-40de5dae2223");
  CHECK(uuid_from(sha256("abc")) == uuid_from(sha256("abc")));
  CHECK(uuid_from(sha256("abd")) != uuid_from(sha256("abc")));
}
