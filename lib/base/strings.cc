#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <numeric>

#include <fmt/format.h>

namespace dpo {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows of the optimal-string-alignment table.
  std::vector<std::size_t> two_back(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], two_back[j - 2] + 1);
    }
    std::swap(two_back, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

template <class Candidates>
std::string closest_of(std::string_view word, const Candidates& candidates) {
  // A typo is at most a third of the word, and at least one edit is allowed.
  std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance && d > 0) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

std::string mean(const std::string& best) { return best.empty() ? "" : "did you mean '" + best + "'?"; }

}  // namespace

std::string closest(std::string_view word, std::span<const std::string> candidates) {
  return closest_of(word, candidates);
}
std::string closest(std::string_view word, std::span<const std::string_view> candidates) {
  return closest_of(word, candidates);
}
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  return mean(closest_of(word, candidates));
}
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return mean(closest_of(word, candidates));
}

std::string quote(std::string_view text) { return "'" + std::string(text) + "'"; }

namespace {

/// The length of the UTF-8 sequence at `text[i]`, or 0 when it is not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  unsigned char second = byte(i + 1);
  if (b == 0xE0 && second < 0xA0) return 0;  // overlong
  if (b == 0xED && second > 0x9F) return 0;  // surrogate
  if (b == 0xF0 && second < 0x90) return 0;  // overlong
  if (b == 0xF4 && second > 0x8F) return 0;  // past U+10FFFF
  return n;
}

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

TextFault text_fault(std::string_view text) {
  std::size_t bad = invalid_utf8_at(text);
  for (std::size_t i = 0; i < std::min(bad, text.size()); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) return {i, "a control character"};
  }
  if (bad != std::string_view::npos) return {bad, "bytes that are not UTF-8"};
  return {};
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = utf8_length(text, i);
    bool c1 = n == 2 && b == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (n == 0 || b < 0x20 || b == 0x7F || c1) {
      for (std::size_t k = 0; k < std::max<std::size_t>(n, 1); ++k)
        out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i + k]));
      i += std::max<std::size_t>(n, 1);
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string join(std::span<const std::string> parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_any(std::string_view text, std::string_view chars) {
  return !text.empty() && chars.find(text.front()) != std::string_view::npos;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  char* p = out.data();
  for (unsigned char b : bytes) {
    *p++ = kDigits[b >> 4];
    *p++ = kDigits[b & 0xf];
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == separator)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

bool id_shaped(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          c == '.' || c == '/' || c == ':'))
      return false;
  return true;
}

std::string quoted_id(std::string_view text) { return id_shaped(text) ? " " + quote(text) : std::string(); }

CodePoint code_point_at(std::string_view text, std::size_t i) {
  std::size_t n = utf8_length(text, i);
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (n <= 1) return {byte(0), 1};
  char32_t cp = byte(0) & (0xFFu >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(k) & 0x3Fu);
  return {cp, n};
}

std::string_view invisible_kind(char32_t c) {
  auto in = [c](char32_t first, char32_t last) { return c >= first && c <= last; };
  if (in(0x80, 0x9F)) return "a control character";
  if (in(0x200B, 0x200F) || c == 0x2060 || c == 0xFEFF) return "a zero-width character";
  if (c == 0x061C || in(0x202A, 0x202E) || in(0x2066, 0x2069)) return "a bidirectional control";
  // Shown as nothing, or as a blank, by most fonts: a soft hyphen, the
  // combining grapheme joiner, Hangul and Khmer fillers, the Mongolian
  // vowel separator and variation selectors, invisible operators and the
  // deprecated format controls, variation selectors, interlinear
  // annotation, shorthand and musical format controls, tag characters.
  if (c == 0x00AD || c == 0x034F || in(0x115F, 0x1160) || in(0x17B4, 0x17B5) || in(0x180B, 0x180F) ||
      in(0x2061, 0x2065) || in(0x206A, 0x206F) || c == 0x3164 || in(0xFE00, 0xFE0F) || c == 0xFFA0 ||
      in(0xFFF9, 0xFFFB) || in(0x1BCA0, 0x1BCA3) || in(0x1D173, 0x1D17A) || in(0xE0000, 0xE007F) ||
      in(0xE0100, 0xE01EF))
    return "an invisible character";
  return {};
}

TextFault invisible_fault(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    CodePoint c = code_point_at(text, i);
    if (std::string_view what = invisible_kind(c.value); !what.empty()) return {i, what};
    i += c.length;
  }
  return {};
}

std::size_t utf8_characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++count;
  return count;
}

}  // namespace dpo
