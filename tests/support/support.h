#pragma once

// Helpers shared by the tests: temporary directories, files, running the
// binaries. Paths to the build and source trees come from CMake.

#include <filesystem>
#include <string>
#include <vector>

namespace dpo::test {

/// A fresh directory under the system's temporary directory, removed at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, const std::string& text);
[[nodiscard]] std::string read_text(const std::filesystem::path& path);

/// Overwrites page `page` (from 1) of an SQLite file with junk, its 8-byte
/// header and last 8 bytes kept, as a disk fault would.
void damage_page(const std::filesystem::path& file, int page, int page_size);

/// The source tree (for examples/ and schemas/) and the built binaries.
[[nodiscard]] std::filesystem::path source_dir();
[[nodiscard]] std::filesystem::path bin_dir();

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a built binary (`program` is looked up in bin_dir()) with `args`,
/// `input` on its standard input and `env` added to its environment.
[[nodiscard]] Run run(const std::string& program, const std::vector<std::string>& args, const std::string& input = {},
                      const std::vector<std::string>& env = {});

}  // namespace dpo::test
