#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dpo {

/// One row of an enum's table of names: the spelling users write in files.
template <class E>
struct Named {
  E value;
  std::string_view name;
};

/// The enum whose name is `text`, if any.
template <class E>
[[nodiscard]] std::optional<E> from_name(std::span<const Named<E>> table, std::string_view text) {
  for (const auto& row : table)
    if (row.name == text) return row.value;
  return std::nullopt;
}

/// The name of `value` in its table.
template <class E>
[[nodiscard]] std::string_view name_of(std::span<const Named<E>> table, E value) {
  for (const auto& row : table)
    if (row.value == value) return row.name;
  return "?";
}

/// Every name in the table, in order, for did-you-mean and messages.
template <class E>
[[nodiscard]] std::vector<std::string_view> names(std::span<const Named<E>> table) {
  std::vector<std::string_view> out;
  for (const auto& row : table) out.push_back(row.name);
  return out;
}

}  // namespace dpo
