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

/// Whether `text` has the shape of an id (ASCII letters, digits and - _ . /
/// :, 1 to 64 of them, no space): what a message may echo. A person's name
/// or address in the wrong column has not that shape.
[[nodiscard]] bool id_shaped(std::string_view text);
/// " 'text'" when `text` is id-shaped, else "": for "unknown activity" +
/// quoted_id(value) + " in 'activity'", which names the field, never a value
/// that may be personal data.
[[nodiscard]] std::string quoted_id(std::string_view text);

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

/// A code point of UTF-8 text and its length in bytes; a byte that does not
/// start a valid sequence reads as itself, one byte long.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;
};
[[nodiscard]] CodePoint code_point_at(std::string_view text, std::size_t i);

/// What a key or an id must not hold beyond text_fault(), or "" for a code
/// point it may: C1 controls (U+0080 to U+009F), zero-width characters
/// (U+200B to U+200F, U+2060, U+FEFF), bidirectional controls (U+061C,
/// U+202A to U+202E, U+2066 to U+2069), and other characters shown as
/// nothing or as a blank (U+00AD, U+034F, U+115F, U+1160, U+17B4, U+17B5,
/// U+180B to U+180F, U+2061 to U+2065, U+206A to U+206F, U+3164, U+FE00 to
/// U+FE0F, U+FFA0, U+FFF9 to U+FFFB, U+1BCA0 to U+1BCA3, U+1D173 to
/// U+1D17A, the tags U+E0000 to U+E007F, U+E0100 to U+E01EF): all make two
/// different keys look alike, or a key print backwards.
[[nodiscard]] std::string_view invisible_kind(char32_t c);
/// The first character of `text` (UTF-8) that invisible_kind() names.
[[nodiscard]] TextFault invisible_fault(std::string_view text);

/// Characters (code points) in UTF-8 text, not bytes.
[[nodiscard]] std::size_t utf8_characters(std::string_view text);

[[nodiscard]] std::string join(std::span<const std::string> parts, std::string_view separator);
[[nodiscard]] std::string_view trim(std::string_view text);
/// The pieces of `text` between `separator`s: "a:b" gives {"a", "b"}, "" gives {""}.
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator);
[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] bool starts_with_any(std::string_view text, std::string_view chars);

/// Hex encoding of bytes, lower case.
[[nodiscard]] std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace dpo
