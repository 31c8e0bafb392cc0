#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dpo {

using Sha256 = std::array<unsigned char, 32>;

/// SHA-256 of bytes (OpenSSL).
[[nodiscard]] Sha256 sha256(std::string_view data);
/// Lower-case hex SHA-256, the form stored and printed.
[[nodiscard]] std::string sha256_hex(std::string_view data);
/// The hash that 64 hex digits spell (either case), or nullopt.
[[nodiscard]] std::optional<Sha256> from_hex_sha256(std::string_view hex);
/// SHA-256 of a stream of pieces: one context for all of them, so hashing
/// many small records costs no set-up per record.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void update(std::string_view data);
  /// The hash of everything given since the last finish(), then starts anew.
  [[nodiscard]] Sha256 finish();

 private:
  struct Impl;
  Impl* impl_;
};

/// HMAC-SHA-256 of `data` under `key` (OpenSSL).
[[nodiscard]] Sha256 hmac_sha256(std::span<const unsigned char> key, std::string_view data);
/// HMAC-SHA-256 under one key, for many messages: the key is set up once.
/// One message at a time: not for two threads at once.
class Hmac {
 public:
  explicit Hmac(std::span<const unsigned char> key);
  ~Hmac();
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;
  [[nodiscard]] Sha256 operator()(std::string_view data) const;

 private:
  struct Impl;
  Impl* impl_;
};

/// A UUID made from a hash (RFC 9562 version 8, the variant bits set):
/// "6f1c2a9e-51d3-8b47-9a0e-3c5d7e8f9012". The same hash, the same UUID.
[[nodiscard]] std::string uuid_from(const Sha256& hash);

/// `count` bytes from the operating system's secure generator.
[[nodiscard]] std::vector<unsigned char> random_bytes(std::size_t count);

}  // namespace dpo
