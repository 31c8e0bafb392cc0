#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dpo {

/// The languages of documents meant for people.
enum class Lang { en, fr };

/// "en" or "fr"; nullopt for anything else.
[[nodiscard]] inline std::optional<Lang> parse_lang(std::string_view text) {
  if (text == "en") return Lang::en;
  if (text == "fr") return Lang::fr;
  return std::nullopt;
}

/// One phrase in both languages, fixed in the program.
struct Phrase {
  std::string_view en;
  std::string_view fr;
  [[nodiscard]] constexpr std::string_view in(Lang lang) const { return lang == Lang::fr ? fr : en; }
};

/// A text made at run time in both languages ("3 holdings past their deadline").
struct Text {
  std::string en;
  std::string fr;
  [[nodiscard]] const std::string& in(Lang lang) const { return lang == Lang::fr ? fr : en; }
};

}  // namespace dpo
