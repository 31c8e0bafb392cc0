#include "base/file.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "base/error.h"

namespace dpo {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw Error(ExitCode::store, what + " '" + path.string() + "': " + std::strerror(errno));
}

void fsync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: some file systems do not allow it
  ::fsync(fd);
  ::close(fd);
}

constexpr std::size_t kBufferSize = 1 << 16;

// Canonical paths no output may replace (protect_from_output).
std::vector<std::filesystem::path>& protected_paths() {
  static std::vector<std::filesystem::path> paths;
  return paths;
}

[[noreturn]] void refuse_output(const std::filesystem::path& target, const std::string& why) {
  throw Error(ExitCode::store, "refusing to write '" + target.string() + "': " + why + "; nothing was written");
}

}  // namespace

std::filesystem::path canonical_path(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path out = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? std::filesystem::absolute(path) : out;
}

void protect_from_output(const std::filesystem::path& path) {
  protected_paths().push_back(canonical_path(path));
}

void check_output_path(const std::filesystem::path& target) {
  struct stat st {};
  if (::lstat(target.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) refuse_output(target, "it is a symbolic link");
    if (S_ISDIR(st.st_mode)) refuse_output(target, "it is a directory");
    if (!S_ISREG(st.st_mode)) refuse_output(target, "it is not a regular file");
  } else if (errno != ENOENT) {
    fail("cannot inspect", target);
  }
  std::filesystem::path canonical = canonical_path(target);
  for (const std::filesystem::path& p : protected_paths()) {
    struct stat other {};
    bool same_file = ::stat(p.c_str(), &other) == 0 && st.st_ino != 0 && other.st_dev == st.st_dev &&
                     other.st_ino == st.st_ino;
    if (canonical == p || same_file) refuse_output(target, "it is the store or one of its files");
  }
}

void check_input_path(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail("cannot read", path);
  if (S_ISDIR(st.st_mode)) throw Error(ExitCode::store, "cannot read '" + path.string() + "': it is a directory");
  if (::access(path.c_str(), R_OK) != 0) fail("cannot read", path);
}

namespace {
bool stdin_closed = false;
}  // namespace

void guard_standard_fds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    if (fd == STDIN_FILENO) stdin_closed = true;
    int opened = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
    if (opened >= 0 && opened != fd) {  // a lower one was closed too and took it first
      ::dup2(opened, fd);
      ::close(opened);
    }
  }
}

void check_stdin() {
  struct stat st {};
  if (stdin_closed || ::fstat(STDIN_FILENO, &st) != 0) throw Error(ExitCode::store, "cannot read standard input: it is closed");
  if (S_ISDIR(st.st_mode)) throw Error(ExitCode::store, "cannot read standard input: it is a directory");
}

std::string read_stdin() {
  check_stdin();
  std::ostringstream out;
  out << std::cin.rdbuf();
  if (std::cin.bad()) throw Error(ExitCode::store, "cannot read standard input");
  return out.str();
}

AtomicFile::AtomicFile(std::filesystem::path target, Replace replace)
    : target_(std::move(target)), replace_(replace) {
  check_output_path(target_);
  std::string pattern = target_.string() + ".tmp-XXXXXX";
  fd_ = ::mkstemp(pattern.data());
  if (fd_ < 0) fail("cannot create a file beside", target_);
  temp_ = pattern;
  if (::fchmod(fd_, 0600) != 0) fail("cannot restrict the mode of", temp_);
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  }
}

void AtomicFile::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferSize) flush();
}

void AtomicFile::flush() {
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", temp_);
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  buffer_.clear();
}

void AtomicFile::commit() {
  flush();
  if (::fsync(fd_) != 0) fail("cannot sync", temp_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail("cannot close", temp_);
  }
  fd_ = -1;
  // Checked again: the path may have changed while the file was written.
  check_output_path(target_);
  if (replace_ == Replace::refused) {
    // link() never replaces: a file that appeared meanwhile stays as it was.
    int linked = ::link(temp_.c_str(), target_.c_str());
    int error = errno;
    ::unlink(temp_.c_str());
    errno = error;
    if (linked != 0 && error == EEXIST) refuse_output(target_, "a file is already there");
    if (linked != 0) fail("cannot create", target_);
  } else if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    ::unlink(temp_.c_str());
    fail("cannot rename a temporary file to", target_);
  }
  fsync_directory(target_.parent_path());
}

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, Replace replace) {
  AtomicFile file(target, replace);
  file.write(bytes);
  file.commit();
}

std::FILE* open_private_append(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == ELOOP) throw Error(ExitCode::store, "cannot write '" + path.string() + "': it is a symbolic link");
    fail("cannot write", path);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(ExitCode::store, "cannot write '" + path.string() + "': it is not a regular file");
  }
  if ((st.st_mode & 07777) != 0600 && ::fchmod(fd, 0600) != 0) {
    ::close(fd);
    fail("cannot restrict the mode of", path);
  }
  std::FILE* file = ::fdopen(fd, "a");
  if (!file) {
    ::close(fd);
    fail("cannot write", path);
  }
  return file;
}

bool create_private_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    fail("cannot create", path);
  }
  // The umask may have removed bits but never adds any; fchmod makes it exact.
  if (::fchmod(fd, 0600) != 0) fail("cannot restrict the mode of", path);
  ::close(fd);
  return true;
}

std::string read_file(const std::filesystem::path& path) {
  check_input_path(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read", path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<unsigned char> read_key_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail("cannot read the key file", path);
  if (!S_ISREG(st.st_mode)) throw Error(ExitCode::store, "the key file '" + path.string() + "' is not a regular file");
  if ((st.st_mode & 077) != 0)
    throw Error(ExitCode::store, "the key file '" + path.string() + "' can be read by others than its owner; " +
                                     "chmod 600 it");
  std::string bytes = read_file(path);
  while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) bytes.pop_back();
  if (bytes.size() < 32)
    throw Error(ExitCode::store, "the key file '" + path.string() + "' holds fewer than 32 bytes; make one with " +
                                     "'openssl rand -hex 32'");
  return std::vector<unsigned char>(bytes.begin(), bytes.end());
}

std::string os_user() {
  if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  return "uid " + std::to_string(::geteuid());
}

}  // namespace dpo
