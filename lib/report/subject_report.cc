#include "report/subject_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "l10n/format.h"
#include "l10n/phone.h"
#include "report/json.h"
#include "report/summary.h"

namespace dpo::report {

namespace {

std::string local(const std::optional<Instant>& t, const Zone& zone, Lang lang) {
  return t ? l10n::listed_time(*t, zone, lang) : "";
}

// The kinds of identifier dpokit reads itself (docs/design.md 2.2); others
// are the user's own names of their systems, printed as written.
std::string kind_words(const std::string& kind, Lang lang) {
  if (kind == "email") return std::string(Phrase{"email", "adresse e-mail"}.in(lang));
  if (kind == "phone") return std::string(Phrase{"phone", "téléphone"}.in(lang));
  return kind;
}

}  // namespace

Json to_json(const model::SubjectView& v, const Zone& zone) {
  Json j;
  j["key"] = v.key.str();
  Json ids = Json::object();
  for (const model::Identifier& id : v.identifiers) {
    if (!ids.contains(id.kind))
      ids[id.kind] = id.value;
    else if (ids[id.kind].is_string())
      ids[id.kind] = Json::array({ids[id.kind], id.value});
    else
      ids[id.kind].push_back(id.value);
  }
  j["identifiers"] = ids;
  const model::Addressee& to = v.addressee;
  if (!to.name.empty()) j["name"] = to.name;
  if (!to.postal_address.empty()) j["postal_address"] = to.postal_address;
  if (to.civility) j["civility"] = name_of(model::civilities(), *to.civility);
  if (v.birth_date) j["birth_date"] = format_date(*v.birth_date);
  j["cpf_funded"] = v.cpf_funded;
  j["legal_hold"] = v.legal_hold;
  Json engagements = Json::array();
  for (const model::Engagement& e : v.engagements) {
    Json ej{{"activity", e.activity.str()}};
    if (e.started) ej["started"] = format_local(*e.started, zone);
    if (e.ended) ej["ended"] = format_local(*e.ended, zone);
    if (e.last_contact) ej["last_contact"] = format_local(*e.last_contact, zone);
    engagements.push_back(ej);
  }
  j["engagements"] = engagements;
  Json holdings = Json::array();
  for (const model::Holding& h : v.holdings) {
    Json hj{{"activity", h.activity.str()},
            {"data", h.category.str()},
            {"system", h.system},
            {"collected", format_local(h.collected, zone)}};
    if (!h.ref.empty())
      hj["ref"] = h.ref;
    else
      hj["value"] = h.value;
    if (h.archived) hj["archived"] = format_local(*h.archived, zone);
    holdings.push_back(hj);
  }
  j["holdings"] = holdings;
  return j;
}

void render_subject(const model::SubjectView& v, const Zone& zone, std::string_view format, Lang lang,
                    std::ostream& out) {
  if (format == "json") {
    out << to_json(v, zone).dump() << "\n";
    return;
  }
  auto w = [lang](Phrase p) { return std::string(p.in(lang)); };
  auto when = [&](Instant t) { return l10n::listed_time(t, zone, lang); };
  std::string yes = w({"yes", "oui"}), no = w({"no", "non"});
  // As wide as the widest label, so the values stay in one column.
  std::vector<std::pair<std::string, std::string>> facts;
  for (const model::Identifier& id : v.identifiers)
    facts.emplace_back(kind_words(id.kind, lang), id.kind == "phone" ? l10n::phone_readable(id.value) : id.value);
  const model::Addressee& to = v.addressee;
  if (!to.name.empty()) facts.emplace_back(w({"name", "nom"}), to.name);
  // An address a line each, the lines after the first under it.
  for (std::size_t i = 0; i < to.postal_address.size(); ++i)
    facts.emplace_back(i == 0 ? w({"postal address", "adresse postale"}) : std::string(), to.postal_address[i]);
  if (to.civility)
    facts.emplace_back(w({"civility", "civilité"}),
                       w(*to.civility == model::Civility::sir ? Phrase{"sir", "monsieur"} : Phrase{"madam", "madame"}));
  if (v.birth_date) facts.emplace_back(w({"birth date", "date de naissance"}), l10n::listed_date(*v.birth_date, lang));
  facts.emplace_back(w({"cpf funded", "financé par le CPF"}), v.cpf_funded ? yes : no);
  facts.emplace_back(w({"legal hold", "conservé pour un contentieux"}), v.legal_hold ? yes : no);
  std::size_t width = 12;
  for (const auto& [label, value] : facts) width = std::max(width, l10n::display_width(label));
  out << w({"subject ", "personne "}) << v.key.str() << "\n";
  for (const auto& [label, value] : facts) out << "  " << l10n::padded(label, width) << " " << value << "\n";
  if (!v.engagements.empty()) out << w({"engagements\n", "relations\n"});
  for (const model::Engagement& e : v.engagements)
    out << fmt::format("  {:<24} {} {:<25} {} {:<25} {} {}\n", e.activity.str(), w({"started", "début"}),
                       local(e.started, zone, lang), w({"ended", "fin"}), local(e.ended, zone, lang),
                       w({"last contact", "dernier contact"}), local(e.last_contact, zone, lang));
  if (!v.holdings.empty()) out << w({"holdings\n", "données\n"});
  for (const model::Holding& h : v.holdings)
    out << fmt::format("  {:<24} {:<16} {:<10} {}  {}{}\n", h.activity.str(), h.category.str(), h.system,
                       when(h.collected), h.ref.empty() ? h.value : h.ref,
                       h.archived ? w({"  (archived ", "  (archivée le "}) + when(*h.archived) + ")" : std::string());
  if (!v.holds.empty()) out << w({"legal holds\n", "conservations pour un contentieux\n"});
  for (const model::LegalHold& h : v.holds)
    out << fmt::format("  {:<6} {:<40} {} {}  {}  {}\n", h.id, hold_scope(h, lang), w({"since", "depuis le"}),
                       when(h.since),
                       h.until ? w({"until ", "jusqu’au "}) + when(*h.until) : w({"until released", "jusqu’à sa levée"}),
                       h.reason);
}

std::string archived_not_shown(long long count, Lang lang) {
  Phrase shows = count == 1 ? Phrase{"{} not shown; --archived shows it", "{} ; --archived l’affiche"}
                            : Phrase{"{} not shown; --archived shows them", "{} ; --archived les affiche"};
  return l10n::say(shows, lang,
                   tally(count, {"archived holding", "donnée archivée non affichée"},
                         {"archived holdings", "données archivées non affichées"}, lang));
}

std::string hold_scope(const model::LegalHold& hold, Lang lang) {
  if (hold.activity && hold.category) return hold.activity->str() + "/" + hold.category->str();
  if (hold.activity) return hold.activity->str();
  if (hold.category) return hold.category->str() + std::string(Phrase{" in every activity", " dans tous les traitements"}.in(lang));
  return std::string(Phrase{"everything held", "tout ce qui est détenu"}.in(lang));
}

std::string hold_set(const model::LegalHold& hold, const Zone& zone, Lang lang) {
  std::string until = hold.until ? l10n::say({"until {}", "jusqu’au {}"}, lang, summary_time(*hold.until, zone, lang))
                                 : l10n::say({"until released", "jusqu’à sa levée"}, lang);
  return l10n::say({"legal hold set on {}, {}", "conservation pour un contentieux posée sur {}, {}"}, lang,
                   hold_scope(hold, lang), until);
}

std::string hold_released(std::int64_t id, Lang lang) {
  return l10n::say({"released legal hold {}", "conservation pour un contentieux n° {} levée"}, lang, id);
}

std::string subjects_imported(const SubjectImport& i, Lang lang) {
  const Phrase added_one{"added", "ajoutée"}, added_other{"added", "ajoutées"};
  const Phrase changed_one{"changed", "modifiée"}, changed_other{"changed", "modifiées"};
  std::string out =
      l10n::say({"imported '{}': {}; subjects {}, {}; holdings {}, {}",
                 "import de '{}' : {} ; personnes concernées : {}, {} ; données détenues : {}, {}"},
                lang, i.file, tally(i.records, {"record", "enregistrement"}, {"records", "enregistrements"}, lang),
                tally(i.subjects_added, added_one, added_other, lang),
                tally(i.subjects_changed, changed_one, changed_other, lang),
                tally(i.holdings_added, added_one, added_other, lang),
                tally(i.holdings_changed, changed_one, changed_other, lang));
  // Never who: a count, and the way back.
  if (i.suppressed)
    out += l10n::say({"; skipped {} (--allow-suppressed imports them)", " ; {} (--allow-suppressed les importe)"}, lang,
                     tally(i.suppressed, {"erased on request", "personne écartée, effacée à sa demande"},
                           {"erased on request", "personnes écartées, effacées à leur demande"}, lang));
  if (i.restored)
    out += l10n::say(
        {"; {}", " ; {}"}, lang,
        tally(i.restored, {"erased on request imported again", "personne effacée à sa demande importée de nouveau"},
              {"erased on request imported again", "personnes effacées à leur demande importées de nouveau"}, lang));
  if (i.objected)
    out += l10n::say({"; left out {} of people who objected to direct marketing (--allow-suppressed imports them)",
                      " ; {} de personnes opposées à la prospection commerciale (--allow-suppressed les importe)"},
                     lang, tally(i.objected, {"holding", "donnée écartée"}, {"holdings", "données écartées"}, lang));
  if (i.shared)
    out += l10n::say(
        i.shared == 1 ? Phrase{"; {} left with the subject that had it", " ; {} à la personne qui l’avait déjà"}
                      : Phrase{"; {} left with the subject that had them", " ; {} à la personne qui les avait déjà"},
        lang, tally(i.shared, {"identifier", "identifiant laissé"}, {"identifiers", "identifiants laissés"}, lang));
  return out;
}

}  // namespace dpo::report
