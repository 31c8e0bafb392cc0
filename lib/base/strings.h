#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dpo {

/// Edit distance with transpositions (optimal string alignment), for did-you-mean.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate to `word` when it is close enough to be a likely typo, else "".
[[nodiscard]] std::string closest(std::string_view word, std::span<const std::string> candidates);
[[nodiscard]] std::string closest(std::string_view word, std::span<const std::string_view> candidates);

/// "did you mean 'x'?" for the closest candidate, or "" when none is close.
[[nodiscard]] std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);
[[nodiscard]] std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

/// 'text', the way messages quote a name.
[[nodiscard]] std::string quote(std::string_view text);

[[nodiscard]] std::string join(std::span<const std::string> parts, std::string_view separator);
[[nodiscard]] std::string_view trim(std::string_view text);
[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] bool starts_with_any(std::string_view text, std::string_view chars);

/// Hex encoding of bytes, lower case.
[[nodiscard]] std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace dpo
