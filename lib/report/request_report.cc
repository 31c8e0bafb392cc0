#include "report/request_report.h"

#include <fmt/format.h>

#include "l10n/format.h"
#include "model/wording.h"
#include "report/json.h"

namespace dpo::report {

Json to_json(const model::SubjectRequest& r, Instant now, const Zone& zone) {
  Json j{{"id", r.id},
         {"subject", r.subject ? Json(r.subject->str()) : Json()},
         {"requester", r.requester ? Json{{"kind", r.requester->kind}, {"value", r.requester->value}} : Json()},
         {"type", std::string(name_of(model::request_types(), r.type))},
         {"received", format_local(r.received, zone)},
         {"due", format_date(r.due)},
         {"extended", r.extended_at ? Json(format_local(*r.extended_at, zone)) : Json()},
         {"extension_reason", r.extension_reason.empty() ? Json() : Json(r.extension_reason)},
         {"closed", r.closed_at ? Json(format_local(*r.closed_at, zone)) : Json()},
         {"outcome", r.outcome.empty() ? Json() : Json(r.outcome)},
         {"refused", r.refused},
         {"note", r.note.empty() ? Json() : Json(r.note)}};
  bool late = r.closed_at ? *r.closed_at >= model::due_end(r.due, zone) : now >= model::due_end(r.due, zone);
  j["late"] = late;
  return j;
}

namespace {

// "opened request 3 (access), due 2026-12-26"; "demande 3 (droit d'accès)
// enregistrée, à traiter avant le 26 décembre 2026".
Phrase sentence(RequestChange change) {
  switch (change) {
    case RequestChange::opened: return {"opened request {} ({}){}, due {}", "demande {} ({}) enregistrée{}, à traiter avant le {}"};
    case RequestChange::extended: return {"extended request {} ({}){}, due {}", "demande {} ({}) prolongée{}, à traiter avant le {}"};
    case RequestChange::closed: return {"closed request {} ({}){}, due {}", "demande {} ({}) close{}, échéance le {}"};
    case RequestChange::linked: return {"linked request {} ({}){}, due {}", "demande {} ({}) rattachée{}, à traiter avant le {}"};
  }
  return {};
}

// id, type, subject, received, due, state: the type and dates are wider in French.
constexpr std::string_view kRow = "{:>4}  {:<13} {:<20} {:<10} {:<10} {}\n";
constexpr std::string_view kRowFr = "{:>4}  {:<36} {:<20} {:<18} {:<18} {}\n";

}  // namespace

void render_request(const model::SubjectRequest& r, RequestChange change, Instant now, const Zone& zone,
                    std::string_view format, bool quiet, Lang lang, std::ostream& out) {
  if (format == "json")
    out << to_json(r, now, zone).dump(2) << "\n";
  else if (!quiet)
    out << l10n::say(sentence(change), lang, r.id,
                     lang == Lang::fr ? model::wording(r.type, lang) : name_of(model::request_types(), r.type),
                     change == RequestChange::linked && r.subject
                         ? std::string(Phrase{" to ", " à "}.in(lang)) + r.subject->str()
                         : std::string(),
                     l10n::listed_date(r.due, lang))
        << "\n";
}

std::string requester_unknown(const model::SubjectRequest& r, Lang lang) {
  if (r.requester->kind == "name")
    return l10n::say(
        {"names are not searched: look for the person (dpo subject show, the systems' own search), then 'dpo sar "
         "link {} KEY', or 'dpo sar export --request {}' answers that no data is held",
         "les noms ne sont pas recherchés : cherchez la personne (dpo subject show, la recherche de chaque système), "
         "puis 'dpo sar link {} KEY', ou 'dpo sar export --request {}' répond qu’aucune donnée n’est détenue"},
        lang, r.id, r.id);
  std::string what = lang == Lang::en               ? r.requester->kind
                     : r.requester->kind == "email" ? "cette adresse électronique"
                                                    : "ce numéro de téléphone";
  return l10n::say({"no subject in the store has this {}: 'dpo sar export --request {}' answers that no data is held, "
                    "or 'dpo sar link {} KEY' links the request to a subject",
                    "aucune personne de la base n’a {} : 'dpo sar export --request {}' répond qu’aucune donnée n’est "
                    "détenue, ou 'dpo sar link {} KEY' rattache la demande à une personne"},
                   lang, what, r.id, r.id);
}

RequestList::RequestList(std::ostream& out, std::string_view format, bool quiet, Instant now, const Zone& zone,
                         Lang lang)
    : out_(out), format_(format), now_(now), zone_(zone), lang_(lang) {
  if (format_ == "text" && !quiet) {
    auto w = [lang](Phrase p) { return std::string(p.in(lang)); };
    out_ << fmt::format(fmt::runtime(lang == Lang::fr ? kRowFr : kRow), w({"id", "n°"}), w({"type", "droit"}),
                        w({"subject", "personne"}), w({"received", "reçue le"}), w({"due", "échéance"}),
                        w({"state", "état"}));
  }
}

void RequestList::add(const model::SubjectRequest& r) {
  if (format_ == "json") {
    // The same bytes as an array dumped with an indent of 2.
    std::string item = to_json(r, now_, zone_).dump(2);
    std::string indented;
    for (char c : item) {
      indented += c;
      if (c == '\n') indented += "  ";
    }
    out_ << (first_ ? "[\n  " : ",\n  ") << indented;
    first_ = false;
    return;
  }
  auto w = [this](Phrase p) { return std::string(p.in(lang_)); };
  std::string state = r.closed_at ? w({"closed ", "close le "}) + l10n::listed_date(local_date(*r.closed_at, zone_), lang_)
                      : now_ >= model::due_end(r.due, zone_) ? w({"overdue", "en retard"})
                      : r.extended_at                        ? w({"open, extended", "en cours, prolongée"})
                                                             : w({"open", "en cours"});
  std::string who = r.subject     ? r.subject->str()
                    : r.requester ? w({"(not in store)", "(hors de la base)"})
                                  : w({"(erased)", "(effacée)"});
  out_ << fmt::format(fmt::runtime(lang_ == Lang::fr ? kRowFr : kRow), r.id,
                      lang_ == Lang::fr ? model::wording(r.type, lang_) : name_of(model::request_types(), r.type), who,
                      l10n::listed_date(local_date(r.received, zone_), lang_), l10n::listed_date(r.due, lang_), state);
}

void RequestList::close() {
  if (format_ == "json") out_ << (first_ ? "[]\n" : "\n]\n");
}

}  // namespace dpo::report
