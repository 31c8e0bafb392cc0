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

/// `text` made safe to print on a terminal: control characters (C0, DEL,
/// C1) and bytes that are not UTF-8 become escapes like \x1b, so an input
/// value quoted in a message cannot move the cursor, recolour the terminal or
/// fake another line. Valid UTF-8 text passes unchanged.
[[nodiscard]] std::string printable(std::string_view text);

/// Where `text` stops being UTF-8 (a bad byte, an overlong or surrogate form,
/// a truncated sequence), or npos when all of it is.
[[nodiscard]] std::size_t invalid_utf8_at(std::string_view text);

/// What no text of an input file may hold, and where the first one is: bytes
/// that are not UTF-8, or a control character other than tab and line breaks.
struct TextFault {
  std::size_t at = std::string_view::npos;
  std::string_view what;  ///< "bytes that are not UTF-8", "a control character"
  explicit operator bool() const { return at != std::string_view::npos; }
};
[[nodiscard]] TextFault text_fault(std::string_view text);

[[nodiscard]] std::string join(std::span<const std::string> parts, std::string_view separator);
[[nodiscard]] std::string_view trim(std::string_view text);
/// The pieces of `text` between `separator`s: "a:b" gives {"a", "b"}, "" gives {""}.
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator);
[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] bool starts_with_any(std::string_view text, std::string_view chars);

/// Hex encoding of bytes, lower case.
[[nodiscard]] std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace dpo
