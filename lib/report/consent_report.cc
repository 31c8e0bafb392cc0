#include "report/consent_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/lang.h"
#include "base/strings.h"
#include "l10n/format.h"
#include "model/wording.h"
#include "report/csv.h"
#include "report/summary.h"

namespace dpo::report {

using namespace model;
using Json = nlohmann::ordered_json;

namespace {

std::string loc(const std::string& country) { return "loc:" + country; }

Json controller_json(const Controller& c) {
  Json j{{"name", c.name}};
  if (!c.siren.empty()) j["identifier"] = "SIREN " + c.siren;
  if (!c.address.empty()) j["address"] = c.address;
  if (!c.contact.empty()) j["contact"] = c.contact;
  if (c.dpo) {
    // What the register gives of the DPO (Art. 37(7)): no address is
    // claimed for them, since an external DPO is elsewhere.
    Json dpo = Json::object();
    if (!c.dpo->name.empty()) dpo["name"] = c.dpo->name;
    Json contact = Json::array();
    if (!c.dpo->email.empty()) contact.push_back(c.dpo->email);
    if (!c.dpo->phone.empty()) contact.push_back(c.dpo->phone);
    if (!contact.empty()) dpo["contact"] = contact;
    if (!c.dpo->designation.empty()) dpo["designation"] = c.dpo->designation;
    j["dpo"] = dpo;
  }
  if (!c.authority.empty()) j["authority"] = c.authority;
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

// The activities that serve a purpose, in the register's order.
std::vector<const Activity*> serving(const Register& reg, const Purpose& p) {
  std::vector<const Activity*> out;
  for (const Activity& a : reg.activities)
    if (std::find(a.purposes.begin(), a.purposes.end(), p.id) != a.purposes.end()) out.push_back(&a);
  return out;
}

// The GDPR provisions the consent grounds: Art. 6(1)(a) always; Art.
// 9(2)(a) when the register says the purpose collects the explicit consent
// that lifts the ban on special categories, or an activity serving it rests
// on it; Art. 49(1)(a) when an activity serving it transfers data on the
// person's explicit consent. Either of the last two makes the consent
// explicit; else it is the clear affirmative act of Art. 4(11), "expressed"
// in DPV's terms.
std::vector<std::string> consent_bases(const Purpose& p, const std::vector<const Activity*>& activities) {
  std::vector<std::string> out{"eu-gdpr:A6-1-a"};
  bool special = p.explicit_consent;
  bool transfer = false;
  for (const Activity* a : activities) {
    special = special || a->special_condition == SpecialCondition::explicit_consent;
    for (const Transfer& t : a->transfers) transfer = transfer || t.safeguard == Safeguard::derogation_49_1_a;
  }
  if (special) out.push_back("eu-gdpr:A9-2-a");
  if (transfer) out.push_back("eu-gdpr:A49-1-a");
  return out;
}

std::string label_of(const Register& reg, const CategoryId& c) {
  const DataCategory* cat = reg.category(c);
  return cat ? cat->label : c.str();
}

// Where the register says the data of the activities is: the controller's
// own country, each processor's and sub-processor's, and each country it is
// transferred to, as DPV locations; then how long each category is kept,
// rule by rule (Art. 13(2)(a)).
Json storage_json(const Register& reg, const std::vector<const Activity*>& activities) {
  std::set<std::string> countries;
  if (!reg.controller.country.empty()) countries.insert(reg.controller.country);
  for (const Activity* a : activities)
    for (const Transfer& t : a->transfers)
      if (!t.country.empty()) countries.insert(t.country);
  for (const Activity* a : activities)
    for (const ProcessorId& id : a->processors)
      if (const Processor* proc = reg.processor(id)) {
        if (!proc->country.empty()) countries.insert(proc->country);
        for (const SubProcessor& sub : proc->subprocessors)
          if (!sub.country.empty()) countries.insert(sub.country);
      }
  Json out = Json::array();
  Json where = Json::array();
  for (const std::string& c : countries) where.push_back(loc(c));
  out.push_back({{"@type", "dpv:StorageLocation"}, {"location", where}});
  for (const Activity* a : activities)
    for (const RetentionRule& r : a->retention) {
      Json data = Json::array();
      for (const CategoryId& c : r.data) data.push_back(label_of(reg, c));
      Json rule{{"@type", "dpv:StorageDuration"},
                {"data", data},
                {"duration", r.keep.str()},
                {"from", std::string(name_of(triggers(), r.from))}};
      if (r.fallback) rule["fallback"] = std::string(name_of(triggers(), *r.fallback));
      rule["action"] = std::string(name_of(retention_actions(), r.action));
      if (!r.basis.empty()) rule["basis"] = r.basis;
      out.push_back(rule);
    }
  return out;
}

// The processing a purpose serves: its legal basis and consent type, the
// notice, the activities with their data, recipients, processors and storage.
Json processing_json(const Register& reg, const Purpose& p, const ConsentEvent* last_given) {
  std::vector<const Activity*> activities = serving(reg, p);
  Json j;
  Json purpose{{"id", p.id.str()}, {"label", p.label}};
  if (p.marketing) purpose["marketing"] = true;
  if (!p.channels.empty()) {
    Json ch = Json::array();
    for (Channel c : p.channels) ch.push_back(std::string(name_of(channels(), c)));
    purpose["channels"] = ch;
  }
  j["purpose"] = purpose;
  std::vector<std::string> bases = consent_bases(p, activities);
  j["legal_basis"] = bases;
  j["consent_type"] = bases.size() > 1 ? "dpv:ExplicitlyExpressedConsent" : "dpv:ExpressedConsent";
  if (last_given) j["notice"] = notice_json(*last_given);
  if (p.validity) j["consent_validity"] = p.validity->str();
  if (p.proof) j["proof_retention"] = p.proof->str();
  Json listed = Json::array(), data = Json::array(), recipients = Json::array(), processors = Json::array();
  std::set<std::string> seen_data, seen_recipients, seen_processors;
  auto add = [](Json& list, std::set<std::string>& seen, const std::string& value) {
    if (seen.insert(value).second) list.push_back(value);
  };
  for (const Activity* a : activities) {
    listed.push_back({{"id", a->id.str()}, {"name", a->name}});
    for (const CategoryId& c : a->data) add(data, seen_data, label_of(reg, c));
    for (const std::string& r : a->recipients) add(recipients, seen_recipients, r);
    for (const ProcessorId& id : a->processors) {
      const Processor* proc = reg.processor(id);
      add(processors, seen_processors, proc ? proc->name : id.str());
    }
  }
  j["activities"] = listed;
  j["personal_data"] = data;
  j["recipients"] = recipients;
  j["processors"] = processors;
  j["storage"] = storage_json(reg, activities);
  return j;
}

constexpr Phrase kWithdraw{
    "Withdraw at any time, as easily as consent was given: write to the contact below, or use the form or channel "
    "you gave it through. Withdrawing does not affect the lawfulness of processing before it (GDPR Art. 7(3)).",
    "Vous pouvez retirer votre consentement à tout moment, aussi simplement que vous l’avez donné\u202f: écrivez à "
    "l’adresse ci-dessous, ou utilisez le formulaire ou le canal par lequel vous l’avez donné. Le retrait "
    "ne compromet pas la licéité du traitement fondé sur le consentement effectué avant ce retrait (art. 7.3 du "
    "RGPD)."};

// How to withdraw (Art. 7(3)): as easily as consent was given, at the
// controller's contact or the DPO's, without affecting what came before.
Json withdrawal_json(const Controller& c) {
  Json contact = Json::array();
  if (c.dpo && !c.dpo->email.empty()) contact.push_back(c.dpo->email);
  if (!c.contact.empty() && (contact.empty() || contact[0] != c.contact)) contact.push_back(c.contact);
  Lang lang = parse_lang(c.language).value_or(Lang::en);
  Json j{{"@type", "dpv:WithdrawConsent"}, {"right", "eu-gdpr:A7-3"}, {"method", std::string(kWithdraw.in(lang))}};
  if (!contact.empty()) j["contact"] = contact;
  return j;
}

}  // namespace

const nlohmann::ordered_json& receipt_context() {
  static const Json context = Json::parse(receipt_context_json());
  return context;
}

std::vector<PurposeStatus> purpose_statuses(const Register& reg, const ReceiptInput& in, const Zone& zone) {
  std::vector<PurposeStatus> out;
  for (const Purpose& p : reg.purposes) {
    if (std::none_of(in.events.begin(), in.events.end(),
                     [&](const ReceiptEvent& e) { return e.event.purpose == p.id; }))
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

Json receipt_event_json(const ReceiptEvent& r, const Zone& zone) {
  const ConsentEvent& e = r.event;
  Json ej{{"id", r.id},
          {"seq", r.seq},
          {"purpose", e.purpose.str()},
          {"action", std::string(name_of(consent_actions(), e.action))},
          {"consent_status", std::string(dpv_term(e.action))},
          {"at", format_local(e.at, zone)}};
  if (e.channel) ej["channel"] = std::string(name_of(consent_channels(), *e.channel));
  if (!e.notice_version.empty() || !e.notice_sha256.empty()) ej["notice"] = notice_json(e);
  if (!e.evidence.empty()) ej["evidence"] = e.evidence;
  if (!e.recorded_by.empty()) ej["recorded_by"] = e.recorded_by;
  if (!e.scope.empty()) ej["scope"] = scope_json(e.scope);
  ej["hash"] = r.hash;
  ej["prev"] = r.prev;
  return ej;
}

Json purpose_status_json(const PurposeStatus& ps, const Zone& zone) {
  const StatusAt& s = ps.status;
  Json sj{{"purpose", ps.purpose.str()},
          {"status", std::string(name_of(consent_statuses(), s.status))},
          {"consent_status", std::string(dpv_term(s.status))}};
  if (s.since) sj["since"] = format_local(*s.since, zone);
  if (s.until) sj["until"] = format_local(*s.until, zone);
  return sj;
}

Json consent_receipt(const Register& reg, const ReceiptInput& in, const Zone& zone) {
  const Controller& c = reg.controller;
  Json j;
  j["@context"] = receipt_context();
  j["@id"] = in.record_id;
  j["@type"] = "dpv:ConsentRecord";
  j["record_id"] = in.record_id;
  j["conforms_to"] = "ISO/IEC TS 27560:2023";
  j["format"] = std::string(model::kReceiptFormat);
  j["created"] = format_local(in.as_of, zone);
  j["language"] = c.language;
  if (!c.country.empty()) j["jurisdiction"] = loc(c.country);
  j["applicable_law"] = "eu-gdpr:GDPR";
  j["ledger"] = {{"head", in.ledger_head}, {"seq", in.ledger_seq}};
  j["controller"] = controller_json(c);
  j["subject"] = {{"key", in.subject.str()}};

  // A receipt for one event: that event, and its purpose's processing and
  // status from every event of the subject up to the receipt's instant.
  const ReceiptEvent* only = nullptr;
  for (const ReceiptEvent& r : in.events)
    if (!in.only_event.empty() && r.id == in.only_event) only = &r;
  Json processing = Json::array();
  Json statuses = Json::array();
  for (const PurposeStatus& ps : purpose_statuses(reg, in, zone)) {
    if (only && ps.purpose != only->event.purpose) continue;
    // Each purpose with the latest given event's notice.
    if (const Purpose* p = reg.purpose(ps.purpose)) processing.push_back(processing_json(reg, *p, ps.last_given));
    statuses.push_back(purpose_status_json(ps, zone));
  }
  j["processing"] = processing;
  j["withdrawal"] = withdrawal_json(c);

  Json events = Json::array();
  for (const ReceiptEvent& r : in.events)
    if (!only || &r == only) events.push_back(receipt_event_json(r, zone));
  j["events"] = events;
  j["status"] = {{"as_of", format_local(in.as_of, zone)}, {"purposes", statuses}};
  return j;
}

namespace {

std::string when(const std::optional<Instant>& t, const Zone& zone) { return t ? format_local(*t, zone) : ""; }

}  // namespace

ConsentList::ConsentList(std::ostream& out, std::string_view format, Rows rows, const Zone& zone, Lang lang)
    : out_(out), format_(format), zone_(zone), lang_(lang) {
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
  bool words = format_ == "text";
  emit({std::to_string(c.seq), c.id, e.subject.str(), e.purpose.str(),
        words ? std::string(model::wording(e.action, lang_)) : action,
        words ? l10n::listed_time(e.at, zone_, lang_) : at,
        words && e.channel ? std::string(model::wording(*e.channel, lang_)) : channel, e.notice_version, e.evidence},
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
  if (format_ == "text")
    emit({row.subject.str(), row.purpose.str(), std::string(model::wording(row.status.status, lang_)),
          row.status.since ? l10n::listed_time(*row.status.since, zone_, lang_) : std::string(),
          row.status.until ? l10n::listed_time(*row.status.until, zone_, lang_) : std::string(), row.event},
         {});
  else
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
                             std::int64_t seq, bool added, Lang lang) {
  if (!added)
    return l10n::say({"event {} is already in the ledger (seq {})",
                      "l’événement {} est déjà dans le registre des consentements (n° {})"},
                     lang, id, seq);
  std::string what(lang == Lang::fr ? wording(action, lang) : name_of(model::consent_actions(), action));
  return l10n::say({"recorded '{}' for purpose '{}' as event {} (seq {})",
                    "consentement {} pour la finalité '{}' enregistré comme événement {} (n° {})"},
                   lang, what, purpose.str(), id, seq);
}

std::string consents_imported(const ConsentImport& i, Lang lang) {
  std::string out = l10n::say({"imported '{}': {}; {}, {} already in the ledger",
                               "import de '{}' : {} ; {}, {} déjà dans le registre des consentements"},
                              lang, i.file, tally(i.read, {"event", "événement"}, {"events", "événements"}, lang),
                              tally(i.added, {"added", "ajouté"}, {"added", "ajoutés"}, lang), figure(i.already, lang));
  // Never who: a count, and the way back.
  if (i.objected)
    out +=
        l10n::say({"; left out {} to purposes their subject objected to (--allow-suppressed records them)",
                   " ; {} à des finalités auxquelles la personne s’est opposée (--allow-suppressed les enregistre)"},
                  lang, tally(i.objected, {"grant", "consentement écarté"}, {"grants", "consentements écartés"}, lang));
  return out + l10n::say({"; head {} (seq {})", " ; empreinte de tête {} (n° {})"}, lang, to_hex(i.head).substr(0, 16),
                         i.head_seq);
}

}  // namespace dpo::report
