#pragma once

#include <compare>
#include <functional>
#include <string>

namespace dpo {

/// A register identifier ("training-delivery", "newsletter") that cannot be
/// mixed up with another kind: an ActivityId is not a PurposeId.
template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  [[nodiscard]] const std::string& str() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }
  auto operator<=>(const Id&) const = default;

 private:
  std::string value_;
};

}  // namespace dpo

template <class Tag>
struct std::hash<dpo::Id<Tag>> {
  std::size_t operator()(const dpo::Id<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};
