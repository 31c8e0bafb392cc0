#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/lang.h"
#include "model/register.h"

/// French and English names of the register's terms, for documents meant for people.
namespace dpo::model {

using dpo::Lang;
using dpo::Phrase;
using dpo::parse_lang;

/// "contract" / "exécution d'un contrat", for a legal basis.
[[nodiscard]] std::string_view wording(LegalBasis basis, Lang lang);
/// "explicit consent" / "consentement explicite", for an Art. 9(2) condition.
[[nodiscard]] std::string_view wording(SpecialCondition condition, Lang lang);
/// "end of the relationship" / "de la fin de la relation": follows "from" / "à compter".
[[nodiscard]] std::string_view wording(Trigger trigger, Lang lang);
[[nodiscard]] std::string_view wording(RetentionAction action, Lang lang);
[[nodiscard]] std::string_view wording(Dpia dpia, Lang lang);
/// "systematic monitoring" / "surveillance systématique": a WP248 criterion.
[[nodiscard]] std::string_view wording(DpiaCriterion criterion, Lang lang);
/// An entry of the CNIL's list of processing that always needs a DPIA.
[[nodiscard]] std::string_view wording(CnilDpiaType type, Lang lang);
/// The CNIL register's name for a kind of data ("Vie personnelle").
[[nodiscard]] std::string_view wording(DataKind kind, Lang lang);
/// "subject-matter" / "objet": what a processor contract sets out (Art. 28(3)).
[[nodiscard]] std::string_view wording(DpaParticular particular, Lang lang);

}  // namespace dpo::model

namespace dpo::model {
/// "5 years", "13 months", "72 hours"; "5 ans" in French.
[[nodiscard]] std::string human(const Duration& d, Lang lang);
}  // namespace dpo::model
