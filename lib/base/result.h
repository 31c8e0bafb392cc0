#pragma once

#include <optional>
#include <string>
#include <utility>

namespace dpo {

/// A parsed value or the reason it could not be parsed ("expected YYYY-MM-DD").
/// Parsers return it so that callers can attach the file:line:column they know.
template <class T>
class Parsed {
 public:
  Parsed(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  static Parsed failure(std::string why) {
    Parsed p;
    p.error_ = std::move(why);
    return p;
  }
  [[nodiscard]] explicit operator bool() const { return value_.has_value(); }
  [[nodiscard]] const T& operator*() const { return *value_; }
  [[nodiscard]] const T* operator->() const { return &*value_; }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  Parsed() = default;
  std::optional<T> value_;
  std::string error_;
};

}  // namespace dpo
