#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <numeric>

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
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

}  // namespace dpo
