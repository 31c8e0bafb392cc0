#include "report/subject_report.h"

#include <fmt/format.h>

#include "report/json.h"

namespace dpo::report {

namespace {

std::string local(const std::optional<Instant>& t, const Zone& zone) { return t ? format_local(*t, zone) : ""; }

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

void render_subject(const model::SubjectView& v, const Zone& zone, std::string_view format, std::ostream& out) {
  if (format == "json") {
    out << to_json(v, zone).dump() << "\n";
    return;
  }
  out << "subject " << v.key.str() << "\n";
  for (const model::Identifier& id : v.identifiers) out << fmt::format("  {:<12} {}\n", id.kind, id.value);
  if (v.birth_date) out << fmt::format("  {:<12} {}\n", "birth date", format_date(*v.birth_date));
  out << fmt::format("  {:<12} {}\n", "cpf funded", v.cpf_funded ? "yes" : "no");
  out << fmt::format("  {:<12} {}\n", "legal hold", v.legal_hold ? "yes" : "no");
  if (!v.engagements.empty()) out << "engagements\n";
  for (const model::Engagement& e : v.engagements)
    out << fmt::format("  {:<24} started {:<25} ended {:<25} last contact {}\n", e.activity.str(),
                       local(e.started, zone), local(e.ended, zone), local(e.last_contact, zone));
  if (!v.holdings.empty()) out << "holdings\n";
  for (const model::Holding& h : v.holdings)
    out << fmt::format("  {:<24} {:<16} {:<10} {}  {}{}\n", h.activity.str(), h.category.str(), h.system,
                       format_local(h.collected, zone), h.ref.empty() ? h.value : h.ref,
                       h.archived ? "  (archived " + format_local(*h.archived, zone) + ")" : std::string());
  if (!v.holds.empty()) out << "legal holds\n";
  for (const model::LegalHold& h : v.holds)
    out << fmt::format("  {:<6} {:<40} since {}  {}  {}\n", h.id, hold_scope(h), format_local(h.since, zone),
                       h.until ? "until " + format_local(*h.until, zone) : std::string("until released"), h.reason);
}

std::string archived_not_shown(long long count) {
  return fmt::format("{} archived {} not shown; --archived shows {}", count, count == 1 ? "holding" : "holdings",
                     count == 1 ? "it" : "them");
}

std::string hold_scope(const model::LegalHold& hold) {
  if (hold.activity && hold.category) return hold.activity->str() + "/" + hold.category->str();
  if (hold.activity) return hold.activity->str();
  if (hold.category) return hold.category->str() + " in every activity";
  return "everything held";
}

std::string hold_set(const model::LegalHold& hold, const Zone& zone) {
  return "legal hold set on " + hold_scope(hold) + ", " +
         (hold.until ? "until " + format_local(*hold.until, zone) : std::string("until released"));
}

std::string subjects_imported(const SubjectImport& i) {
  std::string out =
      fmt::format("imported '{}': {} records; subjects {} added, {} changed; holdings {} added, {} changed", i.file,
                  i.records, i.subjects_added, i.subjects_changed, i.holdings_added, i.holdings_changed);
  // Never who: a count, and the way back.
  if (i.suppressed)
    out += fmt::format("; skipped {} erased on request (--allow-suppressed imports them)", i.suppressed);
  if (i.restored) out += fmt::format("; {} erased on request imported again", i.restored);
  if (i.objected)
    out += fmt::format("; left out {} {} of people who objected to direct marketing (--allow-suppressed imports them)",
                       i.objected, i.objected == 1 ? "holding" : "holdings");
  if (i.shared)
    out += fmt::format("; {} {} left with the subject that had {}", i.shared,
                       i.shared == 1 ? "identifier" : "identifiers", i.shared == 1 ? "it" : "them");
  return out;
}

}  // namespace dpo::report
