#include "report/consent_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/strings.h"
#include "report/csv.h"

namespace dpo::report {

using namespace model;
using Json = nlohmann::ordered_json;

std::string_view dpv_term(ConsentStatus status) {
  switch (status) {
    case ConsentStatus::given: return "dpv:ConsentGiven";
    case ConsentStatus::refused: return "dpv:ConsentRefused";
    case ConsentStatus::withdrawn: return "dpv:ConsentWithdrawn";
    case ConsentStatus::expired: return "dpv:ConsentExpired";
    case ConsentStatus::none: break;
  }
  return "dpv:ConsentUnknown";
}

namespace {

ConsentStatus status_of(ConsentAction action) {
  switch (action) {
    case ConsentAction::given: return ConsentStatus::given;
    case ConsentAction::refused: return ConsentStatus::refused;
    case ConsentAction::withdrawn: break;
  }
  return ConsentStatus::withdrawn;
}

Json controller_party(const Controller& c) {
  Json j{{"role", "controller"}, {"name", c.name}};
  if (!c.siren.empty()) j["identifier"] = {{"scheme", "SIREN"}, {"value", c.siren}};
  if (!c.address.empty()) j["address"] = c.address;
  if (!c.contact.empty()) j["contact"] = c.contact;
  if (c.dpo) {
    Json dpo = Json::object();
    if (!c.dpo->name.empty()) dpo["name"] = c.dpo->name;
    if (!c.dpo->email.empty()) dpo["email"] = c.dpo->email;
    j["dpo"] = dpo;
  }
  if (!c.authority.empty()) j["supervisory_authority"] = c.authority;
  return j;
}

Json notice_json(const ConsentEvent& e) {
  Json n = Json::object();
  if (!e.notice_version.empty()) n["version"] = e.notice_version;
  if (!e.notice_sha256.empty()) n["sha256"] = e.notice_sha256;
  return n;
}

Json scope_json(const ConsentScope& s) {
  Json j = Json::object();
  if (!s.formats.empty()) j["formats"] = s.formats;
  if (!s.channels.empty()) j["channels"] = s.channels;
  if (s.duration) j["duration"] = s.duration->str();
  if (s.parental) j["parental"] = {{"name", s.parental->name}, {"evidence", s.parental->evidence}};
  return j;
}

// The processing a purpose serves: every activity that lists it, with its data.
Json processing_json(const Register& reg, const Purpose& p, const ConsentEvent* last_given) {
  Json j;
  Json purpose{{"id", p.id.str()}, {"label", p.label}};
  if (p.marketing) purpose["marketing"] = true;
  if (!p.channels.empty()) {
    Json ch = Json::array();
    for (Channel c : p.channels) ch.push_back(std::string(name_of(channels(), c)));
    purpose["channels"] = ch;
  }
  j["purpose"] = purpose;
  j["legal_basis"] = {{"dpv", "dpv:Consent"}, {"gdpr", "eu-gdpr:A6-1-a"}, {"text", "GDPR Art. 6(1)(a)"}};
  if (last_given) j["notice"] = notice_json(*last_given);
  if (p.validity) j["consent_validity"] = p.validity->str();
  if (p.proof) j["proof_retention"] = p.proof->str();
  Json activities = Json::array();
  for (const Activity& a : reg.activities) {
    if (std::find(a.purposes.begin(), a.purposes.end(), p.id) == a.purposes.end()) continue;
    Json data = Json::array();
    for (const CategoryId& c : a.data) {
      const DataCategory* cat = reg.category(c);
      data.push_back(cat ? cat->label : c.str());
    }
    Json processors = Json::array();
    for (const ProcessorId& id : a.processors) {
      const Processor* proc = reg.processor(id);
      processors.push_back(proc ? proc->name : id.str());
    }
    activities.push_back({{"id", a.id.str()},
                          {"name", a.name},
                          {"data", data},
                          {"recipients", a.recipients},
                          {"processors", processors}});
  }
  j["activities"] = activities;
  return j;
}

}  // namespace

std::vector<PurposeStatus> purpose_statuses(const Register& reg, const ReceiptInput& in, const Zone& zone) {
  std::vector<PurposeStatus> out;
  for (const Purpose& p : reg.purposes) {
    if (std::none_of(in.events.begin(), in.events.end(), [&](const ReceiptEvent& e) { return e.event.purpose == p.id; }))
      continue;
    const ConsentEvent* last = nullptr;
    const ConsentEvent* last_given = nullptr;
    for (const ReceiptEvent& e : in.events) {
      if (e.event.purpose != p.id || e.event.at > in.as_of) continue;
      last = &e.event;
      if (e.event.action == ConsentAction::given) last_given = &e.event;
    }
    out.push_back({p.id, status_at(last, p.validity, in.as_of, zone), last_given});
  }
  return out;
}

Json consent_receipt(const Register& reg, const ReceiptInput& in, const Zone& zone) {
  Json j;
  j["@context"] = {{"dpv", "https://w3id.org/dpv#"}, {"eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"}};
  j["header"] = {{"record_id", in.record_id},
                 {"format", "dpokit consent receipt 1, shaped after ISO/IEC TS 27560:2023"},
                 {"generated", format_local(in.as_of, zone)},
                 {"ledger", {{"head", in.ledger_head}, {"seq", in.ledger_seq}}}};
  j["parties"] = Json::array({controller_party(reg.controller), {{"role", "data subject"}, {"key", in.subject.str()}}});

  Json processing = Json::array();
  Json statuses = Json::array();
  for (const PurposeStatus& ps : purpose_statuses(reg, in, zone)) {
    // Each purpose with the latest given event's notice.
    if (const Purpose* p = reg.purpose(ps.purpose)) processing.push_back(processing_json(reg, *p, ps.last_given));
    const StatusAt& s = ps.status;
    Json sj{{"purpose", ps.purpose.str()},
            {"status", std::string(name_of(consent_statuses(), s.status))},
            {"dpv", std::string(dpv_term(s.status))}};
    if (s.since) sj["since"] = format_local(*s.since, zone);
    if (s.until) sj["until"] = format_local(*s.until, zone);
    statuses.push_back(sj);
  }
  j["processing"] = processing;

  Json events = Json::array();
  for (const ReceiptEvent& r : in.events) {
    const ConsentEvent& e = r.event;
    Json ej{{"id", r.id},
            {"seq", r.seq},
            {"purpose", e.purpose.str()},
            {"action", std::string(name_of(consent_actions(), e.action))},
            {"dpv", std::string(dpv_term(status_of(e.action)))},
            {"at", format_local(e.at, zone)}};
    if (e.channel) ej["channel"] = std::string(name_of(consent_channels(), *e.channel));
    if (!e.notice_version.empty() || !e.notice_sha256.empty()) ej["notice"] = notice_json(e);
    if (!e.evidence.empty()) ej["evidence"] = e.evidence;
    if (!e.recorded_by.empty()) ej["recorded_by"] = e.recorded_by;
    if (!e.scope.empty()) ej["scope"] = scope_json(e.scope);
    ej["hash"] = r.hash;
    ej["prev"] = r.prev;
    events.push_back(ej);
  }
  j["events"] = events;
  j["status"] = {{"as_of", format_local(in.as_of, zone)}, {"purposes", statuses}};
  return j;
}

namespace {

std::string when(const std::optional<Instant>& t, const Zone& zone) { return t ? format_local(*t, zone) : ""; }

}  // namespace

ConsentList::ConsentList(std::ostream& out, std::string_view format, Rows rows, const Zone& zone)
    : out_(out), format_(format), zone_(zone) {
  if (format_ != "csv") return;
  if (rows == Rows::events)
    write_csv_row(out_, std::vector<std::string>{"seq", "id", "subject", "purpose", "action", "at", "channel",
                                                 "notice_version", "evidence"});
  else
    write_csv_row(out_, std::vector<std::string>{"subject", "purpose", "status", "since", "until", "event"});
}

void ConsentList::emit(const std::vector<std::string>& cells, const nlohmann::ordered_json& json) {
  if (format_ == "json") {
    out_ << (first_ ? "[\n  " : ",\n  ") << json.dump();
  } else if (format_ == "csv") {
    write_csv_row(out_, cells);
  } else {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "  " : "") + (cells[i].empty() ? "-" : cells[i]);
    out_ << line << "\n";
  }
  first_ = false;
}

void ConsentList::add(const model::StoredConsent& c) {
  const model::ConsentEvent& e = c.event;
  std::string action(name_of(model::consent_actions(), e.action));
  std::string channel = e.channel ? std::string(name_of(model::consent_channels(), *e.channel)) : "";
  std::string at = format_local(e.at, zone_);
  emit({std::to_string(c.seq), c.id, e.subject.str(), e.purpose.str(), action, at, channel, e.notice_version,
        e.evidence},
       nlohmann::ordered_json{{"seq", c.seq},
                              {"id", c.id},
                              {"subject", e.subject.str()},
                              {"purpose", e.purpose.str()},
                              {"action", action},
                              {"at", at},
                              {"channel", channel},
                              {"notice_version", e.notice_version},
                              {"evidence", e.evidence}});
}

void ConsentList::add(const ConsentStatusRow& row) {
  std::string status(name_of(model::consent_statuses(), row.status.status));
  std::string since = when(row.status.since, zone_), until = when(row.status.until, zone_);
  emit({row.subject.str(), row.purpose.str(), status, since, until, row.event},
       nlohmann::ordered_json{{"subject", row.subject.str()},
                              {"purpose", row.purpose.str()},
                              {"status", status},
                              {"since", since},
                              {"until", until},
                              {"event", row.event}});
}

void ConsentList::close() {
  if (format_ == "json") out_ << (first_ ? "[]\n" : "\n]\n");
}

void render_receipt(const model::Register& reg, const ReceiptInput& input, const Zone& zone, std::ostream& out) {
  out << consent_receipt(reg, input, zone).dump(2) << "\n";
}

std::string consent_recorded(model::ConsentAction action, const model::PurposeId& purpose, const std::string& id,
                             std::int64_t seq, bool added) {
  if (!added) return fmt::format("event {} is already in the ledger (seq {})", id, seq);
  return fmt::format("recorded '{}' for purpose '{}' as event {} (seq {})", name_of(model::consent_actions(), action),
                     purpose.str(), id, seq);
}

std::string consents_imported(const ConsentImport& i) {
  std::string out = fmt::format("imported '{}': {} events; {} added, {} already in the ledger", i.file, i.read,
                                i.added, i.already);
  // Never who: a count, and the way back.
  if (i.objected)
    out += fmt::format("; left out {} {} to purposes their subject objected to (--allow-suppressed records them)",
                       i.objected, i.objected == 1 ? "grant" : "grants");
  return out + fmt::format("; head {} (seq {})", to_hex(i.head).substr(0, 16), i.head_seq);
}

}  // namespace dpo::report
