#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/register.h"

/// French and English wording of documents meant for people.
namespace dpo::report {

enum class Lang { en, fr };

/// "en" or "fr"; nullopt for anything else.
[[nodiscard]] std::optional<Lang> parse_lang(std::string_view text);

/// One phrase in both languages.
struct Phrase {
  std::string_view en;
  std::string_view fr;
  [[nodiscard]] constexpr std::string_view in(Lang lang) const { return lang == Lang::fr ? fr : en; }
};

/// "contract" / "exécution d'un contrat", for a legal basis.
[[nodiscard]] std::string_view wording(model::LegalBasis basis, Lang lang);
/// "explicit consent" / "consentement explicite", for an Art. 9(2) condition.
[[nodiscard]] std::string_view wording(model::SpecialCondition condition, Lang lang);
[[nodiscard]] std::string_view wording(model::Trigger trigger, Lang lang);
[[nodiscard]] std::string_view wording(model::RetentionAction action, Lang lang);
[[nodiscard]] std::string_view wording(model::Dpia dpia, Lang lang);

}  // namespace dpo::report

namespace dpo::report {
/// "5 years", "13 months", "72 hours"; "5 ans" in French.
[[nodiscard]] std::string human(const Duration& d, Lang lang);
}  // namespace dpo::report
