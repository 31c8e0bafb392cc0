#include "report/request_report.h"

#include <fmt/format.h>

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

std::string_view verb(RequestChange change) {
  switch (change) {
    case RequestChange::opened: return "opened";
    case RequestChange::extended: return "extended";
    case RequestChange::closed: return "closed";
    case RequestChange::linked: return "linked";
  }
  return "";
}

constexpr std::string_view kRow = "{:>4}  {:<13} {:<20} {:<10} {:<10} {}\n";

}  // namespace

void render_request(const model::SubjectRequest& r, RequestChange change, Instant now, const Zone& zone,
                    std::string_view format, bool quiet, std::ostream& out) {
  if (format == "json")
    out << to_json(r, now, zone).dump(2) << "\n";
  else if (!quiet)
    out << fmt::format("{} request {} ({}){}, due {}\n", verb(change), r.id, name_of(model::request_types(), r.type),
                       change == RequestChange::linked && r.subject ? " to " + r.subject->str() : std::string(),
                       format_date(r.due));
}

std::string requester_unknown(const model::SubjectRequest& r) {
  if (r.requester->kind == "name")
    return fmt::format(
        "names are not searched: look for the person (dpo subject show, the systems' own search), then 'dpo sar "
        "link {} KEY', or 'dpo sar export --request {}' answers that no data is held",
        r.id, r.id);
  return fmt::format(
      "no subject in the store has this {}: 'dpo sar export --request {}' answers that no data is held, or 'dpo sar "
      "link {} KEY' links the request to a subject",
      r.requester->kind, r.id, r.id);
}

RequestList::RequestList(std::ostream& out, std::string_view format, bool quiet, Instant now, const Zone& zone)
    : out_(out), format_(format), now_(now), zone_(zone) {
  if (format_ == "text" && !quiet) out_ << fmt::format(kRow, "id", "type", "subject", "received", "due", "state");
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
  std::string state = r.closed_at                            ? "closed " + format_date(local_date(*r.closed_at, zone_))
                      : now_ >= model::due_end(r.due, zone_) ? "overdue"
                      : r.extended_at                        ? "open, extended"
                                                             : "open";
  std::string who = r.subject     ? r.subject->str()
                    : r.requester ? "(not in store)"
                                  : "(erased)";
  out_ << fmt::format(kRow, r.id, name_of(model::request_types(), r.type), who,
                      format_date(local_date(r.received, zone_)), format_date(r.due), state);
}

void RequestList::close() {
  if (format_ == "json") out_ << (first_ ? "[]\n" : "\n]\n");
}

}  // namespace dpo::report
