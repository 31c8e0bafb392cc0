#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/breach.h"
#include "model/consent.h"
#include "model/purge.h"
#include "model/register.h"
#include "model/request.h"

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
/// "likely" / "probable": how likely harm from a breach is.
[[nodiscard]] std::string_view wording(Likelihood likelihood, Lang lang);
/// An entry of the CNIL's list of processing that always needs a DPIA.
[[nodiscard]] std::string_view wording(CnilDpiaType type, Lang lang);
/// The CNIL register's name for a kind of data ("Vie personnelle").
[[nodiscard]] std::string_view wording(DataKind kind, Lang lang);
/// "information and audits" / "informations et audits": a clause of
/// Art. 28(3)(a) to (h) in words.
[[nodiscard]] std::string_view wording(DpaClause clause, Lang lang);
/// "subject-matter" / "objet": what a processor contract sets out (Art. 28(3)).
[[nodiscard]] std::string_view wording(DpaParticular particular, Lang lang);
/// "loss of confidentiality" / "perte de confidentialité": the CNIL
/// breach form's nature of a breach.
[[nodiscard]] std::string_view wording(BreachNature nature, Lang lang);
/// The circumstance of the CNIL breach form a cause falls under ("Équipement
/// perdu ou volé"), then what the cause adds to it ("vol"), empty when the
/// circumstance says it all.
[[nodiscard]] std::string_view wording(BreachCause cause, Lang lang);
[[nodiscard]] std::string_view cause_detail(BreachCause cause, Lang lang);
/// The CNIL form's origin of an incident: "acte externe malveillant",
/// "acte interne accidentel", "origine inconnue".
[[nodiscard]] std::string_view origin_wording(BreachOrigin origin, bool malicious, Lang lang);
/// ENISA's severity level ("low" ... "very high"), in French in the CNIL's
/// words for the gravity of harm: "négligeable", "limitée", "importante",
/// "maximale".
[[nodiscard]] std::string_view wording(Risk risk, Lang lang);
/// What protected the data and where it went, as the CNIL form asks:
/// "state-of-the-art" / "à l'état de l'art, clé non compromise".
[[nodiscard]] std::string_view wording(Encryption encryption, Lang lang);
[[nodiscard]] std::string_view wording(Exfiltration exfiltration, Lang lang);
[[nodiscard]] std::string_view wording(Exposure exposure, Lang lang);
[[nodiscard]] std::string_view wording(BackupState backup, Lang lang);
/// "financial data" / "données financières": ENISA's data context.
[[nodiscard]] std::string_view wording(DataContext context, Lang lang);
/// "access" / "droit d'accès": what a person asked for (Arts. 15 to 21, 77).
[[nodiscard]] std::string_view wording(RequestType type, Lang lang);
/// "given" / "donné", for a consent event and a consent's status.
[[nodiscard]] std::string_view wording(ConsentAction action, Lang lang);
[[nodiscard]] std::string_view wording(ConsentStatus status, Lang lang);
/// "web form" / "formulaire web": how a consent was expressed.
[[nodiscard]] std::string_view wording(ConsentChannel channel, Lang lang);
/// A purpose's channel: "email", "social networks"; "courriel", "réseaux sociaux".
[[nodiscard]] std::string_view wording(Channel channel, Lang lang);
/// The ground of a transfer outside the EEA (GDPR Chapter V), in words:
/// "standard contractual clauses (2021)" / "clauses contractuelles types
/// (2021)"; a derogation names its Art. 49(1) point and what it covers.
[[nodiscard]] std::string wording(Safeguard safeguard, Lang lang);
/// An activity's `source` as a reader reads it: the keyword `data-subject`
/// (collected from the person themselves, which Art. 20's portability asks)
/// in words, "the data subject" / "la personne concernée"; any other text as
/// the register's author wrote it.
[[nodiscard]] std::string source_wording(const std::string& source, Lang lang);
/// Whether the data is collected from the person themselves (`data-subject`).
[[nodiscard]] inline bool from_data_subject(const std::string& source) { return source == "data-subject"; }
/// Why an erasure keeps a holding: "legal obligation" / "obligation légale".
[[nodiscard]] std::string_view wording(KeptBecause reason, Lang lang);
/// What a kind of identifier is, for a person: "email address" / "adresse
/// e-mail", "phone number" / "téléphone", and for a system's own id
/// ("crm") "identifier in crm" / "identifiant dans crm".
[[nodiscard]] std::string identifier_wording(std::string_view kind, Lang lang);

/// A supervisory authority a letter names for a complaint (Art. 77).
struct Authority {
  Phrase name;
  std::string_view address;  ///< postal address, one line
  std::string_view website;
};
/// The authority the register names ("CNIL"), when dpokit knows its address.
[[nodiscard]] const Authority* known_authority(std::string_view name);

/// What a factor of the assessment weighs, by its id ("dpc-volume":
/// "number of people and records" / "nombre de personnes et
/// d'enregistrements"); the id itself when it is not known.
[[nodiscard]] std::string_view factor_wording(std::string_view id, Lang lang);

}  // namespace dpo::model

namespace dpo::model {
/// The activity's legal bases, one line each: "contract (Art. 6(1)(b))",
/// "exécution d'un contrat (art. 6.1.b du RGPD)" for an activity on one basis; with several, each after the labels of its
/// purposes: "Pay: contract (Art. 6(1)(b))", "Social declarations: legal
/// obligation (Art. 6(1)(c))". Empty when the register gives none.
[[nodiscard]] std::vector<std::string> bases_wording(const Register& reg, const Activity& activity, Lang lang);
/// The Art. 9(2) condition with its letter: "explicit consent (Art.
/// 9(2)(a))"; "consentement explicite (art. 9.2.a du RGPD)".
[[nodiscard]] std::string condition_wording(SpecialCondition condition, Lang lang);
/// "5 years", "13 months", "72 hours"; "5 ans" in French.
[[nodiscard]] std::string human(const Duration& d, Lang lang);
}  // namespace dpo::model
