#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace dpo {

/// A file written under a temporary name beside its target, mode 0600 whatever
/// the umask, and renamed over the target only by commit(): a reader never
/// sees half a file, and a crash leaves the old file (or none) in place.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  /// Flushes, fsyncs, renames over the target and fsyncs the directory.
  void commit();
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::string buffer_;
  void flush();
};

/// Writes `bytes` to `target` through an AtomicFile.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// Creates an empty file with mode 0600 (whatever the umask); false if it already exists.
[[nodiscard]] bool create_private_file(const std::filesystem::path& path);

/// Reads a whole file, or throws Error(invalid_input) naming it.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

}  // namespace dpo
