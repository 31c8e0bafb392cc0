#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dpo {

/// Whether commit() may replace a file already at the target.
enum class Replace { allowed, refused };

/// A file written under a temporary name beside its target, mode 0600 whatever
/// the umask, and renamed over the target only by commit(): a reader never
/// sees half a file, and a crash leaves the old file (or none) in place. The
/// target must be absent or a regular file that is not protected (see
/// protect_from_output): anything else is refused with Error(store), before
/// anything is written.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target, Replace replace = Replace::allowed);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  /// Flushes, fsyncs, renames over the target and fsyncs the directory.
  void commit();
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  /// The temporary file, already 0600, for a library that writes only to a
  /// path (libxlsxwriter): it writes there instead of write(), then commit().
  [[nodiscard]] const std::filesystem::path& temp_path() const { return temp_; }

 private:
  std::filesystem::path target_;
  Replace replace_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::string buffer_;
  void flush();
};

/// Writes `bytes` to `target` through an AtomicFile.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           Replace replace = Replace::allowed);

/// Marks a path that no output of this process may replace: the store, its
/// -wal, -shm and lock files. `--out dpo.sqlite` is refused, not obeyed.
void protect_from_output(const std::filesystem::path& path);

/// Refuses (Error(store), the path named) an output path that is a symbolic
/// link, a device, a directory or anything but a regular file, or a protected
/// file under any of its names.
void check_output_path(const std::filesystem::path& target);

/// Refuses (Error(store): an I/O error, exit 4) an input path that is missing,
/// unreadable or a directory, with the same words in every program.
void check_input_path(const std::filesystem::path& path);

/// Opens /dev/null on a standard descriptor (0, 1, 2) the program was started
/// without, so that no file it opens later takes its number and receives
/// what was meant for the terminal; remembers that standard input was closed
/// for check_stdin(). Called first thing by every program.
void guard_standard_fds();

/// The same for standard input, read when an input is named "-": closed, a
/// directory or failing to read is refused, never taken for an empty file.
void check_stdin();

/// Reads the whole of standard input (check_stdin), or throws Error(store).
[[nodiscard]] std::string read_stdin();

/// The path with symbolic links resolved as far as it exists: two names of
/// one file give the same path.
[[nodiscard]] std::filesystem::path canonical_path(const std::filesystem::path& path);

/// Opens `path` to append to it, for a file of personal data written as it
/// goes (the SQL trace): created 0600, an existing one narrowed to 0600, and
/// a symbolic link or anything but a regular file refused (Error(store)).
[[nodiscard]] std::FILE* open_private_append(const std::filesystem::path& path);

/// Creates an empty file with mode 0600 (whatever the umask); false if it already exists.
[[nodiscard]] bool create_private_file(const std::filesystem::path& path);

/// The key in a key file (DPO_KEY_FILE): a regular file of 32 bytes or more
/// (`openssl rand -hex 32`), readable by its owner alone; anything else is
/// refused with Error(store) before any store is touched.
[[nodiscard]] std::vector<unsigned char> read_key_file(const std::filesystem::path& path);

/// Reads a whole file, or throws Error(store) naming it (check_input_path).
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// The operating-system user running the command (the journal's actor, who
/// recorded an event), or "uid N" when the system has no name for it.
[[nodiscard]] std::string os_user();

}  // namespace dpo
