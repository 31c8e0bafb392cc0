#include "cmd/sar_cmd.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "base/crypto.h"
#include "base/file.h"
#include "base/strings.h"
#include "cmd/consent_cmd.h"
#include "cmd/purge_cmd.h"
#include "cmd/subject_cmd.h"
#include "model/countries.h"
#include "model/request.h"
#include "report/request_letters.h"
#include "report/request_report.h"
#include "report/sar_report.h"
#include "retention/deadlines.h"
#include "retention/erasure.h"
#include "store/consent_store.h"
#include "store/purge_store.h"
#include "store/register_store.h"
#include "store/sar_store.h"
#include "store/store.h"
#include "store/subject_store.h"

namespace dpo::cmd {

namespace {

using model::SubjectRequest;

// ---- export ----

struct ExportOptions {
  Common common;
  SubjectChoice subject;
  std::int64_t request = 0;  ///< --request ID: the answer to that request
  std::string batch;
  std::string out_dir;
  std::string out;
  std::string format = "json";
  std::string lang;
};

// What every export of one run shares.
struct Exporter {
  store::Store& s;
  const model::Register& reg;
  Instant now;
  Zone zone;
  std::vector<model::RuleDeadline> rules;
  std::string format;
  Lang lang;

  report::SarInput input(const model::SubjectKey& key) const {
    std::optional<store::SubjectView> view = store::find_subject(s, key);
    report::SarInput in{reg, key};
    in.identifiers = view->identifiers;
    in.addressee = view->addressee;
    in.birth_date = view->birth_date;
    in.cpf_funded = view->cpf_funded;
    in.legal_hold = view->legal_hold;
    for (const model::LegalHold& h : view->holds)
      if (h.active(now)) in.holds.push_back(h);
    in.engagements = view->engagements;
    in.as_of = now;
    in.zone = zone;
    in.consents = subject_receipt(s, key, now);
    std::vector<model::ConsentEvent> events;
    for (const report::ReceiptEvent& e : in.consents.events) events.push_back(e.event);
    for (const model::Holding& h : view->holdings) {
      report::SarHolding sh{h, std::nullopt, std::nullopt};
      const model::Engagement* e = nullptr;
      for (const model::Engagement& x : view->engagements)
        if (x.activity == h.activity) e = &x;
      // Of several rules, the one the purge applies, or whose deadline comes
      // first; past an archive rule, the one that ends the holding.
      retention::Governing g = retention::removal(reg, rules, h, e, events, now, zone);
      if (g.rule) {
        sh.rule = *g.rule;
        sh.erasure = g.deadline;
      }
      in.holdings.push_back(std::move(sh));
    }
    store::RequestFilter filter;
    filter.closed_too = true;
    filter.subject = key;
    store::for_each_request(s, filter, [&](const SubjectRequest& r) {
      in.requests.push_back(r);
      // The letter answers the subject's first open access request.
      if (!in.answering && !r.closed_at && r.type == model::RequestType::access) in.answering = r;
    });
    in.recipient = report::recipient_of(*view);
    return in;
  }

  std::string render(const model::SubjectKey& key) const { return report::render_sar(input(key), format, lang); }

  // The answer to one logged request of a subject of the store.
  std::string render(const model::SubjectKey& key, const SubjectRequest& r) const {
    report::SarInput in = input(key);
    in.answering = r;
    return report::render_sar(in, format, lang);
  }

  // The answer to a request from someone the store holds nothing about:
  // that no data is processed (Art. 15(1)), with the request.
  std::string render_none(const SubjectRequest& r) const {
    report::SarInput in{reg};
    in.requester = r.requester;
    in.requests.push_back(r);
    in.answering = r;
    in.recipient = report::recipient_of(*r.requester);
    in.as_of = now;
    in.zone = zone;
    return report::render_sar(in, format, lang);
  }
};

// A file name for a subject key: the key itself when it is made of letters,
// digits, '.', '-' and '_' and does not start with a dot; otherwise those
// characters kept, the rest replaced by '_', and '+' with a hash of the key
// appended. A plain key never holds '+', so it never takes the name of
// another key's hashed one, and two keys differ in their hash.
std::string file_stem(const std::string& key) {
  bool plain = !key.empty() && key.size() <= 100 && key.front() != '.';
  std::string stem;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_';
    plain = plain && ok;
    stem += ok ? c : '_';
  }
  if (plain) return stem;
  if (stem.size() > 64) stem.resize(64);
  if (!stem.empty() && stem.front() == '.') stem.front() = '_';
  return stem + "+" + sha256_hex(key).substr(0, 16);
}

// The batch's directory, made 0700 if absent; one that holds files is
// refused, so that no earlier answer is replaced or listed by mistake.
std::filesystem::path batch_directory(const std::string& out_dir) {
  std::filesystem::path dir(out_dir);
  check_output_path(dir / "MANIFEST.sha256");
  std::error_code ec;
  if (std::filesystem::is_symlink(dir, ec))
    throw Error(ExitCode::store, "refusing to write into '" + out_dir + "': it is a symbolic link");
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) throw Error(ExitCode::store, "cannot create '" + out_dir + "'");
  if (!std::filesystem::is_empty(dir, ec) || ec)
    throw Error(ExitCode::store, "refusing to write into '" + out_dir + "': it is not empty (give a new directory)");
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  return dir;
}

int export_batch(const ExportOptions& o, const Exporter& x) {
  if (o.out_dir.empty()) throw Error(ExitCode::usage, "--batch needs --out-dir DIR");
  if (o.batch != "-") check_input_path(o.batch);
  std::ifstream file;
  if (o.batch != "-") file.open(o.batch);
  std::istream& in = o.batch == "-" ? std::cin : file;
  if (!in) throw Error(ExitCode::store, "cannot read '" + o.batch + "'");
  std::filesystem::path dir = batch_directory(o.out_dir);
  std::map<std::string, std::string> manifest;  // file name -> SHA-256, one per person
  long long unknown = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string wanted = std::string(trim(line));
    if (wanted.empty() || wanted.front() == '#') continue;
    std::optional<model::SubjectKey> key;
    if (wanted.find('@') != std::string::npos)
      key = store::find_by_identifier(x.s, "email", wanted);
    else if (store::has_subject(x.s, model::SubjectKey(wanted)))
      key = model::SubjectKey(wanted);
    if (!key) {
      warn(report::batch_unknown_line(o.batch, number));
      ++unknown;
      continue;
    }
    std::string name = file_stem(key->str()) + "." + x.format;
    if (manifest.contains(name)) {
      note(o.common, report::batch_repeated_line(o.batch, number));
      continue;
    }
    std::string bytes = x.render(*key);
    write_file_atomically(dir / name, bytes, Replace::refused);
    manifest[name] = sha256_hex(bytes);
  }
  if (in.bad()) throw Error(ExitCode::store, "cannot read '" + o.batch + "'");
  std::string listing;
  for (const auto& [name, hash] : manifest) listing += hash + "  " + name + "\n";
  write_file_atomically(dir / "MANIFEST.sha256", listing, Replace::refused);
  note(o.common, report::batch_exported(manifest.size(), o.out_dir, unknown, x.lang));
  if (unknown > 0)
    throw Error(ExitCode::invalid_input, std::to_string(unknown) + " line(s) of '" + o.batch + "' name no subject");
  return 0;
}

// The access answer to one logged request: the subject's data, or, for
// someone the store does not hold, that none is processed (Art. 15(1)).
std::string answer_request(const Common& common, const Exporter& x, const SubjectRequest& r) {
  if (r.subject) return x.render(*r.subject, r);
  if (!r.requester)
    throw Error(ExitCode::invalid_input, "request " + std::to_string(r.id) +
                                             "'s subject was erased since: the deletion log holds what was done");
  // Before writing that nothing is held: someone imported since may
  // have the contact they gave.
  if (r.requester->kind != "name")
    if (std::optional<model::SubjectKey> now_known =
            store::find_by_identifier(x.s, r.requester->kind, r.requester->value))
      throw Error(ExitCode::invalid_input, "subject '" + now_known->str() + "' has this request's " +
                                               r.requester->kind + " now: link the request first ('dpo sar link " +
                                               std::to_string(r.id) + " " + now_known->str() + "')");
  if (r.requester->kind == "name")
    note(common, "warning: request " + std::to_string(r.id) +
                     " names its person by name only, which dpokit does not search: make sure no subject "
                     "is them before sending that no data is held");
  return x.render_none(r);
}

int export_sar(const ExportOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  std::optional<Lang> lang = parse_lang(o.lang.empty() ? reg.controller.language : o.lang);
  Exporter x{s, reg, now, zone, retention::deadlines(reg, now, zone), o.format, lang ? *lang : Lang::en};
  if (!o.batch.empty()) {
    if (!o.subject.key.empty() || !o.subject.email.empty() || !o.subject.phone.empty() || !o.out.empty())
      throw Error(ExitCode::usage, "--batch takes no subject and no --out; it writes into --out-dir");
    return export_batch(o, x);
  }
  if (!o.out_dir.empty()) throw Error(ExitCode::usage, "--out-dir goes with --batch FILE");
  std::string bytes;
  if (o.request != 0) {
    if (!o.subject.key.empty() || !o.subject.email.empty() || !o.subject.phone.empty())
      throw Error(ExitCode::usage, "--request names the subject: give no KEY, --email or --phone");
    std::optional<SubjectRequest> r = store::find_request(s, o.request);
    if (!r) throw Error(ExitCode::invalid_input, "no request " + std::to_string(o.request));
    bytes = answer_request(o.common, x, *r);
  } else {
    std::optional<model::SubjectKey> key = o.subject.find(s);
    // Not naming what was asked for: it is personal data, and the caller has it.
    if (!key)
      throw Error(ExitCode::invalid_input,
                  "no such subject in the store (a request from someone not in it: 'dpo sar open' it, then "
                  "'dpo sar export --request ID' answers that no data is held)");
    bytes = x.render(*key);
  }
  if (o.out.empty())
    print(bytes);
  else
    write_file_atomically(o.out, bytes);
  return 0;
}

// ---- the request log ----

const model::Country* controller_country(const model::Register& reg) {
  return model::Countries::builtin().find(reg.controller.country);
}

struct OpenOptions {
  Common common;
  SubjectChoice subject;
  std::string name;  ///< --name: someone not in the store, known by name only
  std::string type;
  std::string received;
  std::string note;
  std::vector<std::string> purposes;  ///< objection: the marketing purposes objected to
  std::string format = "text";
  std::string lang;
};

// The marketing purposes an objection names, checked: each is the
// register's and is direct marketing (Art. 21(2)); any other objection
// (Art. 21(1)) is weighed case by case, so it is only logged.
std::vector<const model::Purpose*> objected_purposes(const model::Register& reg, const OpenOptions& o,
                                                     model::RequestType type) {
  std::vector<const model::Purpose*> out;
  if (o.purposes.empty()) return out;
  if (type != model::RequestType::objection) throw Error(ExitCode::usage, "--purpose applies to --type objection only");
  for (const std::string& id : o.purposes) {
    const model::Purpose* p = reg.purpose(model::PurposeId(id));
    if (!p) throw Error(ExitCode::usage, "unknown purpose" + quoted_id(id) + " in --purpose");
    if (!p->marketing)
      throw Error(ExitCode::usage, "purpose '" + id + "' is not direct marketing ('marketing: true'); an objection to "
                                   "other processing (Art. 21(1)) is weighed case by case: open it without --purpose");
    out.push_back(p);
  }
  return out;
}

// Art. 21(3): an objection to direct marketing takes effect at once. Each
// consent the person still gives to an objected purpose is withdrawn (the
// ledger records it); their key and identifiers are listed, as keyed
// hashes, for the suppression period. Returns the withdrawals recorded.
long long apply_objection(store::Store& s, const model::SubjectKey& key, std::int64_t request,
                          const std::vector<const model::Purpose*>& purposes, Instant now, Instant listed_until) {
  store::ConsentWriter writer(s);
  std::optional<store::SubjectFacts> subject = writer.subject(key);
  long long withdrawn = 0;
  for (const model::Purpose* p : purposes) {
    if (!p->consent_required) continue;
    store::ConsentFilter filter;
    filter.subject = key;
    filter.purpose = p->id;
    filter.until = now;
    std::optional<model::ConsentAction> last;
    store::for_each_consent_by_subject(s, filter, [&](const store::StoredConsent& c) { last = c.event.action; });
    if (last != model::ConsentAction::given) continue;
    model::ConsentEvent e;
    e.subject = key;
    e.purpose = p->id;
    e.action = model::ConsentAction::withdrawn;
    e.at = now;
    e.evidence = "objection request " + std::to_string(request);
    e.recorded_by = os_user();
    (void)writer.append(e, subject->id);
    ++withdrawn;
  }
  std::vector<model::PurposeId> ids;
  for (const model::Purpose* p : purposes) ids.push_back(p->id);
  (void)store::list_objection(s, key, ids, now, listed_until);
  return withdrawn;
}

// Who asked, when the store does not know them: the email or phone number
// they gave (normalised like identifiers), or their name.
model::Identifier requester(const OpenOptions& o, const model::Register& reg) {
  if (!o.name.empty()) {
    if (!o.subject.key.empty() || !o.subject.email.empty() || !o.subject.phone.empty())
      throw Error(ExitCode::usage, "name one person: KEY, --email ADDR, --phone NUMBER or --name NAME");
    return {"name", std::string(trim(o.name))};
  }
  if (!o.subject.key.empty()) throw Error(ExitCode::invalid_input, "no such subject in the store");
  std::string kind = o.subject.email.empty() ? "phone" : "email";
  std::string written = o.subject.email.empty() ? o.subject.phone : o.subject.email;
  std::optional<std::string> value = model::normalise_identifier(kind, written, reg.controller.country);
  if (!value || value->empty() || (kind == "email" && value->find('@') == std::string::npos))
    throw Error(ExitCode::invalid_input, "--" + kind + " is not a valid " + (kind == "email" ? "email address" : "phone number"));
  return {kind, *value};
}

int open_request(const OpenOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  std::optional<model::RequestType> type = from_name(model::request_types(), o.type);
  if (!type) {
    std::vector<std::string> known;
    for (std::string_view n : names(model::request_types())) known.emplace_back(n);
    std::string hint = did_you_mean(o.type, known);
    throw Error(ExitCode::usage,
                "unknown request type" + quoted_id(o.type) + " in --type" + (hint.empty() ? "" : " (" + hint + ")"));
  }
  Parsed<Instant> received = parse_instant(o.received, zone);
  if (!received) throw Error(ExitCode::usage, "bad --received: " + received.error());
  if (*received > now) throw Error(ExitCode::invalid_input, "--received is after now (see --as-of)");
  std::vector<const model::Purpose*> objected = objected_purposes(reg, o, *type);
  SubjectRequest r;
  std::optional<model::SubjectKey> key;
  if (o.name.empty()) key = o.subject.find(s);
  if (!key) {
    // The deadline runs whether or not the store knows the person
    // (Art. 12(3)): the request is kept under the contact they gave. A key
    // is the store's own, so an unknown one is a mistake.
    r.requester = requester(o, reg);
    if (!objected.empty())
      throw Error(ExitCode::invalid_input, "--purpose applies to someone in the store: nothing of this person is "
                                           "processed; open the objection without it");
  }
  r.subject = key;
  r.type = *type;
  r.received = *received;
  r.due = model::request_due(local_date(*received, zone), 1, controller_country(reg));
  if (!within_years(r.due)) throw Error(ExitCode::invalid_input, "--received: its deadline would fall after 9999");
  r.note = o.note;
  store::Transaction tx(s);
  r.id = store::add_request(s, r);
  store::append_journal(s, now, {"sar open", "", store::journal_counts({{"request", r.id}, {"type", o.type}})});
  if (!objected.empty()) {
    long long withdrawn =
        apply_objection(s, *key, r.id, objected, now, add(now, reg.controller.suppression, zone));
    store::append_journal(s, now, {"sar objection", "", store::ledger_journal_counts(s, withdrawn, 0)});
  }
  tx.commit();
  Lang lang = language(o.lang, &reg);
  report::render_request(r, report::RequestChange::opened, now, zone, o.format, o.common.quiet, lang, out());
  if (r.requester) note(o.common, report::requester_unknown(r, lang));
  // What serves only purposes the person objected to, by this request or an
  // earlier one still listed, has no ground left: erased now (Art. 17(1)(c)).
  model::ErasureScope scope;
  if (!objected.empty())
    if (std::optional<model::Objection> listed = store::Objections(s, now).of_stored(*key))
      scope.activities = model::objected_activities(reg, *listed);
  if (!scope.activities.empty()) {
    // Standard output holds the request in the format asked for; in text
    // the erasure's summary follows it, else it goes with the messages.
    std::ostringstream erasure;
    try {
      erase_subject(
          o.common, *key, [&](const model::Register&) { return scope; }, model::RunMode::apply, false, "text", &erasure,
          o.lang);
    } catch (const Error& busy) {
      if (busy.code() != ExitCode::busy) throw;
      throw Error(ExitCode::busy, "the objection is recorded, but a purge is running: erase later with 'dpo purge "
                                  "--subject KEY --purpose " + o.purposes.front() + "'");
    }
    if (o.common.quiet) return 0;
    if (o.format == "text")
      print(erasure.str());
    else
      note(o.common, std::string(trim(erasure.str())));
  }
  return 0;
}

struct ChangeOptions {
  Common common;
  std::int64_t id = 0;
  std::string text;  // --reason or --outcome
  std::string format = "text";
  std::string lang;
};

SubjectRequest open_one(store::Store& s, std::int64_t id) {
  std::optional<SubjectRequest> r = store::find_request(s, id);
  if (!r) throw Error(ExitCode::invalid_input, "no request " + std::to_string(id));
  if (r->closed_at) throw Error(ExitCode::invalid_input, "request " + std::to_string(id) + " is closed");
  return *r;
}

int extend_request(const ChangeOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  SubjectRequest r = open_one(s, o.id);
  if (r.extended_at) throw Error(ExitCode::invalid_input, "request " + std::to_string(o.id) + " is already extended");
  // Art. 12(3): the person is told of the extension within the first month.
  if (now >= model::due_end(r.due, zone))
    throw Error(ExitCode::invalid_input,
                "request " + std::to_string(o.id) + " can no longer be extended: its first month ended on " +
                    format_date(r.due));
  r.extended_at = now;
  r.extension_reason = o.text;
  r.due = model::request_due(local_date(r.received, zone), 3, controller_country(reg));
  if (!within_years(r.due)) throw Error(ExitCode::invalid_input, "the extended deadline would fall after 9999");
  store::Transaction tx(s);
  store::update_request(s, r);
  store::append_journal(s, now, {"sar extend", "", store::journal_counts({{"request", r.id}, {"due", format_date(r.due)}})});
  tx.commit();
  report::render_request(r, report::RequestChange::extended, now, zone, o.format, o.common.quiet, language(o.lang, s), out());
  return 0;
}

struct CloseOptions {
  ChangeOptions change;  // --outcome
  bool refuse = false;
  std::string reason;
};

int close_request(const CloseOptions& c) {
  const ChangeOptions& o = c.change;
  // Answered (--outcome), or refused with its reasons (--refuse --reason), which Art. 12(4) has the person told.
  if (!c.refuse && o.text.empty()) throw Error(ExitCode::usage, "give --outcome TEXT, or --refuse --reason TEXT");
  if (c.refuse && (c.reason.empty() || !o.text.empty()))
    throw Error(ExitCode::usage, "--refuse takes --reason TEXT (the reasons the person is told), not --outcome");
  if (!c.refuse && !c.reason.empty()) throw Error(ExitCode::usage, "--reason goes with --refuse");
  store::Store s = open_store(o.common);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  SubjectRequest r = open_one(s, o.id);
  if (now < r.received)
    throw Error(ExitCode::invalid_input, "request " + std::to_string(o.id) + " was received after now (see --as-of)");
  r.closed_at = now;
  r.outcome = c.refuse ? c.reason : o.text;
  r.refused = c.refuse;
  store::Transaction tx(s);
  store::update_request(s, r);
  store::append_journal(s, now, {"sar close", "", store::journal_counts({{"request", r.id}, {"refused", std::int64_t{c.refuse ? 1 : 0}}})});
  tx.commit();
  report::render_request(r, report::RequestChange::closed, now, zone, o.format, o.common.quiet, language(o.lang, s), out());
  return 0;
}

struct LinkOptions {
  Common common;
  std::int64_t id = 0;
  std::string key;
  std::string format = "text";
  std::string lang;
};

// A request from someone the store did not know, linked to the subject they
// turned out to be (found since, or imported after asking).
int link_request(const LinkOptions& o) {
  store::Store s = open_store(o.common);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  std::optional<SubjectRequest> r = store::find_request(s, o.id);
  if (!r) throw Error(ExitCode::invalid_input, "no request " + std::to_string(o.id));
  if (r->subject)
    throw Error(ExitCode::invalid_input, "request " + std::to_string(o.id) + " is already a subject's");
  if (!r->requester)
    throw Error(ExitCode::invalid_input, "request " + std::to_string(o.id) + "'s subject was erased; it stays so");
  store::Transaction tx(s);
  store::link_request(s, o.id, model::SubjectKey(o.key));
  store::append_journal(s, now, {"sar link", "", store::journal_counts({{"request", r->id}})});
  tx.commit();
  r->subject = model::SubjectKey(o.key);
  report::render_request(*r, report::RequestChange::linked, now, zone, o.format, o.common.quiet, language(o.lang, s), out());
  return 0;
}

struct ListOptions {
  Common common;
  bool all = false;
  bool overdue = false;
  std::string due_within;
  std::string format = "text";
  std::string lang;
};

int list_requests(const ListOptions& o) {
  store::Store s = open_store(o.common);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  std::optional<Instant> horizon;
  if (!o.due_within.empty()) {
    Parsed<Duration> d = Duration::parse(o.due_within);
    if (!d) throw Error(ExitCode::usage, "--due-within: " + d.error());
    horizon = add(now, *d, zone);
  }
  store::RequestFilter filter;
  filter.closed_too = o.all && !o.overdue && !horizon;
  report::RequestList list(out(), o.format, o.common.quiet, now, zone, language(o.lang, s));
  store::for_each_request(s, filter, [&](const SubjectRequest& r) {
    if (o.overdue && (r.closed_at || now < model::due_end(r.due, zone))) return;
    // Due within the horizon: its due day is at most the horizon's day (late ones included).
    if (horizon && (r.closed_at || date::sys_days(r.due) > date::sys_days(local_date(*horizon, zone)))) return;
    list.add(r);
  });
  list.close();
  return 0;
}

// ---- letters ----

struct LetterOptions {
  Common common;
  std::int64_t id = 0;
  std::string kind;
  std::string civility;
  std::string format = "md";
  std::string lang;
  std::string out;
};

using report::LetterKind;

// The letter a request's type and state call for: the refusal once
// refused, the extension notice while an extended request is open, else
// the answer its type asks for.
std::optional<LetterKind> default_kind(const SubjectRequest& r) {
  if (r.refused) return LetterKind::refusal;
  if (r.extended_at && !r.closed_at) return LetterKind::extension;
  switch (r.type) {
    case model::RequestType::access: return LetterKind::access;
    case model::RequestType::erasure: return LetterKind::erasure;
    case model::RequestType::objection: return LetterKind::objection;
    default: return std::nullopt;
  }
}

// Why `r` has no letter of `kind`; empty when it has.
std::string not_allowed(const SubjectRequest& r, LetterKind kind) {
  std::string type = "it is a request of type '" + std::string(name_of(model::request_types(), r.type)) + "'";
  switch (kind) {
    case LetterKind::access: return r.type == model::RequestType::access ? "" : type;
    case LetterKind::erasure: return r.type == model::RequestType::erasure ? "" : type;
    case LetterKind::objection: return r.type == model::RequestType::objection ? "" : type;
    case LetterKind::extension: return r.extended_at ? "" : "it was never extended ('dpo sar extend')";
    case LetterKind::refusal: return r.refused ? "" : "it was not closed as refused ('dpo sar close --refuse')";
  }
  return {};
}

// What an erasure request left in place, and why (retention::plan_erasure
// run again on what the store still holds of the person).
std::vector<report::KeptPart> kept_parts(store::Store& s, const model::Register& reg, const model::SubjectKey& key,
                                         Instant now, const Zone& zone) {
  std::vector<report::KeptPart> out;
  std::optional<store::SubjectView> view = store::find_subject(s, key);
  if (!view) return out;
  std::vector<model::ConsentEvent> events;
  store::ConsentFilter filter;
  filter.subject = key;
  store::for_each_consent_by_subject(s, filter, [&](const store::StoredConsent& c) { events.push_back(c.event); });
  std::vector<model::RuleDeadline> rules = retention::deadlines(reg, now, zone);
  model::ErasurePlan plan = retention::plan_erasure(reg, rules, *view, events, {}, now, zone);
  for (const model::KeptHolding& k : plan.kept) {
    const model::Activity* a = reg.activity(k.activity);
    const model::DataCategory* c = reg.category(k.category);
    report::KeptPart part{a ? a->name : k.activity.str(), c ? c->label : k.category.str(), k.reason, k.until};
    if (!k.until && !k.trigger_pending.empty())
      for (const model::RuleDeadline& r : rules)
        if (r.activity == k.activity && r.rule_no == k.rule_no) {
          part.keep = r.keep;
          part.from = from_name(model::triggers(), k.trigger_pending);
        }
    out.push_back(std::move(part));
  }
  return out;
}

report::ObjectionLetter objection_letter(store::Store& s, const model::Register& reg, report::LetterHead head) {
  const SubjectRequest r = *head.request;  // a copy: the head moves into the letter
  report::ObjectionLetter letter{std::move(head)};
  std::optional<model::Objection> listed;
  if (r.subject) listed = store::Objections(s, letter.head.as_of).of_stored(*r.subject);
  // The listing this request made, or one made since: not an older one.
  if (!listed || listed->since < r.received) return letter;
  for (const model::Purpose& p : reg.purposes)
    if (listed->covers(p)) letter.purposes.push_back(p.label);
  letter.since = listed->since;
  letter.listed_until = store::listed_until(s, r.id, "objection");
  for (const store::RequestErasure::Erased& e : store::erasure_of_request(s, r.id).erased) {
    const model::Activity* a = reg.activity(model::ActivityId(e.activity));
    std::string name = a ? a->name : e.activity;
    if (std::find(letter.erased.begin(), letter.erased.end(), name) == letter.erased.end())
      letter.erased.push_back(name);
  }
  return letter;
}

report::ErasureLetter erasure_letter(store::Store& s, const model::Register& reg, report::LetterHead head) {
  const SubjectRequest r = *head.request;  // a copy: the head moves into the letter
  store::RequestErasure done = store::erasure_of_request(s, r.id);
  if (!done.at)
    throw Error(ExitCode::invalid_input,
                report::letter_not_allowed(r.id, LetterKind::erasure,
                                           "no erasure was run since it was received ('dpo purge --subject KEY')"));
  report::ErasureLetter letter{std::move(head), *done.at};
  for (const store::RequestErasure::Erased& e : done.erased) {
    const model::Activity* a = reg.activity(model::ActivityId(e.activity));
    const model::DataCategory* c = reg.category(model::CategoryId(e.category));
    letter.erased.push_back({a ? a->name : e.activity, c ? c->label : e.category});
  }
  letter.subject_erased = done.subject_erased;
  letter.listed_until = store::listed_until(s, r.id, "erasure");
  letter.tasks = done.tasks;
  if (r.subject) letter.kept = kept_parts(s, reg, *r.subject, letter.head.as_of, letter.head.zone);
  return letter;
}

int write_letter(const LetterOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  Lang lang = language(o.lang, &reg);
  std::optional<SubjectRequest> r = store::find_request(s, o.id);
  if (!r) throw Error(ExitCode::invalid_input, "no request " + std::to_string(o.id));
  std::optional<LetterKind> kind = o.kind.empty() ? default_kind(*r) : from_name(report::letter_kinds(), o.kind);
  if (!kind)
    throw Error(ExitCode::invalid_input, "request " + std::to_string(r->id) + " is of type '" +
                                             std::string(name_of(model::request_types(), r->type)) +
                                             "', which has no letter of its own: give --kind");
  if (std::string why = not_allowed(*r, *kind); !why.empty())
    throw Error(ExitCode::invalid_input, report::letter_not_allowed(r->id, *kind, why));

  report::LetterHead head{reg.controller, {}, *r, now, zone};
  if (r->subject) {
    if (std::optional<store::SubjectView> view = store::find_subject(s, *r->subject))
      head.recipient = report::recipient_of(*view);
  } else if (r->requester) {
    head.recipient = report::recipient_of(*r->requester);
  }
  // The option says how to greet the person when the store does not, or
  // says otherwise.
  if (!o.civility.empty()) head.recipient.civility = from_name(model::civilities(), o.civility);

  std::ostringstream out;
  switch (*kind) {
    case LetterKind::access: {
      Exporter x{s, reg, now, zone, retention::deadlines(reg, now, zone), o.format, lang};
      if (!r->subject) {
        out << answer_request(o.common, x, *r);
        break;
      }
      report::SarInput in = x.input(*r->subject);
      in.answering = *r;
      in.recipient = head.recipient;
      report::render_sar_letter(in, o.format, lang, out);
      // The copies the sender attaches: records kept in other systems.
      for (const report::AttachedCopy& c : report::attached_copies(in))
        note(o.common, report::attach_copy(c.number, c.holding.system, c.holding.ref, lang));
      break;
    }
    case LetterKind::extension: {
      Date first_due = model::request_due(local_date(r->received, zone), 1, controller_country(reg));
      report::render_letter(report::ExtensionLetter{head, first_due}, o.format, lang, out);
      break;
    }
    case LetterKind::refusal: report::render_letter(report::RefusalLetter{head}, o.format, lang, out); break;
    case LetterKind::objection: report::render_letter(objection_letter(s, reg, head), o.format, lang, out); break;
    case LetterKind::erasure: report::render_letter(erasure_letter(s, reg, head), o.format, lang, out); break;
  }
  if (o.out.empty())
    print(out.str());
  else
    write_file_atomically(o.out, out.str());
  return 0;
}

std::string type_names() {
  std::string out;
  for (std::string_view n : names(model::request_types())) out += (out.empty() ? "" : "|") + std::string(n);
  return out;
}

void setup(CLI::App& app, Action& action) {
  auto e = std::make_shared<ExportOptions>();
  CLI::App* export_cmd = app.add_subcommand("export", "the Art. 15 answer for one subject, or one file per subject");
  e->subject.add_to(*export_cmd);
  export_cmd->add_option("--batch", e->batch, "a file with one subject key or email address a line")
      ->type_name("FILE");
  export_cmd->add_option("--out-dir", e->out_dir, "with --batch: where the files and MANIFEST.sha256 go")
      ->type_name("DIR");
  export_cmd->add_option("--out", e->out, "write to FILE (atomically, mode 0600) instead of standard output")
      ->type_name("FILE");
  export_cmd->add_option("--request", e->request, "the answer to this logged request, also from someone not in the "
                                                  "store (that no data is held)")
      ->type_name("ID");
  add_format(*export_cmd, e->format, {"json", "md", "html"}, "json, or a letter in md or html");
  add_lang(*export_cmd, e->lang, "the letter's language: en or fr (default: the controller's)");
  add_common(*export_cmd, e->common, With::store | With::as_of);
  add_action(*export_cmd, action, e, export_sar);

  auto lt = std::make_shared<LetterOptions>();
  CLI::App* letter_cmd = app.add_subcommand(
      "letter", "the letter answering a logged request: access, extension, refusal, objection or erasure");
  letter_cmd->add_option("ID", lt->id, "the request")->required();
  letter_cmd->add_option("--kind", lt->kind, "access|extension|refusal|objection|erasure (default: from the "
                                             "request's type and state)")
      ->type_name("KIND")
      ->check(CLI::IsMember({"access", "extension", "refusal", "objection", "erasure"}));
  letter_cmd->add_option("--civility", lt->civility, "madam or sir: how the letter addresses the person "
                                                     "(default: as the store holds it, else both)")
      ->type_name("CIVILITY")
      ->check(CLI::IsMember({"madam", "sir"}));
  letter_cmd->add_option("--out", lt->out, "write to FILE (atomically, mode 0600) instead of standard output")
      ->type_name("FILE");
  add_format(*letter_cmd, lt->format, {"md", "html", "text"});
  add_lang(*letter_cmd, lt->lang, "the letter's language: en or fr (default: the controller's)");
  add_common(*letter_cmd, lt->common, With::store | With::as_of);
  add_action(*letter_cmd, action, lt, write_letter);

  auto op = std::make_shared<OpenOptions>();
  CLI::App* open_cmd = app.add_subcommand("open", "log a request received from a subject; prints its deadline");
  op->subject.add_to(*open_cmd);
  open_cmd->add_option("--type", op->type, type_names())->required()->type_name("TYPE");
  open_cmd->add_option("--received", op->received, "when it was received (RFC 3339, or a date)")
      ->required()
      ->type_name("TIME");
  open_cmd->add_option("--name", op->name, "someone not in the store, known by name only")->type_name("NAME");
  open_cmd->add_option("--note", op->note, "a reference of yours (ticket, letter)")->type_name("TEXT");
  open_cmd->add_option("--purpose", op->purposes,
                       "objection: a direct-marketing purpose objected to, applied at once (Art. 21(3)); repeatable")
      ->type_name("ID")
      ->allow_extra_args(false);
  add_format(*open_cmd, op->format, {"text", "json"});
  add_lang(*open_cmd, op->lang);
  add_common(*open_cmd, op->common, With::store | With::as_of);
  add_action(*open_cmd, action, op, open_request);

  auto ex = std::make_shared<ChangeOptions>();
  CLI::App* extend_cmd =
      app.add_subcommand("extend", "extend a request by two months, within its first month (Art. 12(3))");
  extend_cmd->add_option("ID", ex->id, "the request")->required();
  extend_cmd->add_option("--reason", ex->text, "why: complexity, number of requests")->required()->type_name("TEXT");
  add_format(*extend_cmd, ex->format, {"text", "json"});
  add_lang(*extend_cmd, ex->lang);
  add_common(*extend_cmd, ex->common, With::store | With::as_of);
  add_action(*extend_cmd, action, ex, extend_request);

  auto cl = std::make_shared<CloseOptions>();
  CLI::App* close_cmd = app.add_subcommand("close", "record that a request was answered, or refused (Art. 12(4))");
  close_cmd->add_option("ID", cl->change.id, "the request")->required();
  close_cmd->add_option("--outcome", cl->change.text, "what was done or answered")->type_name("TEXT");
  close_cmd->add_flag("--refuse", cl->refuse, "the request is not acted on (Art. 12(4)); give --reason");
  close_cmd->add_option("--reason", cl->reason, "with --refuse: the reasons the person is told")->type_name("TEXT");
  add_format(*close_cmd, cl->change.format, {"text", "json"});
  add_lang(*close_cmd, cl->change.lang);
  add_common(*close_cmd, cl->change.common, With::store | With::as_of);
  add_action(*close_cmd, action, cl, close_request);

  auto ln = std::make_shared<LinkOptions>();
  CLI::App* link_cmd =
      app.add_subcommand("link", "link a request from someone not in the store to the subject they are");
  link_cmd->add_option("ID", ln->id, "the request")->required();
  link_cmd->add_option("KEY", ln->key, "the subject's key")->required();
  add_format(*link_cmd, ln->format, {"text", "json"});
  add_lang(*link_cmd, ln->lang);
  add_common(*link_cmd, ln->common, With::store | With::as_of);
  add_action(*link_cmd, action, ln, link_request);

  auto l = std::make_shared<ListOptions>();
  CLI::App* list_cmd = app.add_subcommand("list", "the open requests and their deadlines");
  list_cmd->add_flag("--all", l->all, "closed requests too");
  list_cmd->add_flag("--overdue", l->overdue, "only open requests past their deadline");
  list_cmd->add_option("--due-within", l->due_within, "only open requests due within this duration (P7D)")
      ->type_name("DURATION");
  add_format(*list_cmd, l->format, {"text", "json"});
  add_lang(*list_cmd, l->lang);
  add_common(*list_cmd, l->common, With::store | With::as_of);
  add_action(*list_cmd, action, l, list_requests);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-sar export [--store PATH] [--as-of TIME] [--format json|md|html] [--lang en|fr] [--out FILE] [-q] "
    "(KEY | --email ADDR | --phone NUMBER | --request ID)",
    "dpo-sar export --batch FILE --out-dir DIR [--store PATH] [--as-of TIME] [--format json|md|html] [--lang en|fr] "
    "[-q]",
    "dpo-sar letter [--kind access|extension|refusal|objection|erasure] [--civility madam|sir] [--store PATH] "
    "[--as-of TIME] [--format md|html|text] [--lang en|fr] [--out FILE] [-q] ID",
    "dpo-sar open --type TYPE --received TIME [--note TEXT] [--purpose ID]... [--store PATH] [--as-of TIME] "
    "[--format text|json] [--lang en|fr] [-q] (KEY | --email ADDR | --phone NUMBER | --name NAME)",
    "dpo-sar link [--store PATH] [--as-of TIME] [--format text|json] [--lang en|fr] [-q] ID KEY",
    "dpo-sar extend --reason TEXT [--store PATH] [--as-of TIME] [--format text|json] [--lang en|fr] [-q] ID",
    "dpo-sar close (--outcome TEXT | --refuse --reason TEXT) [--store PATH] [--as-of TIME] [--format text|json] "
    "[--lang en|fr] [-q] ID",
    "dpo-sar list [--all] [--overdue] [--due-within DURATION] [--store PATH] [--as-of TIME] [--format text|json] [--lang en|fr] [-q]",
};

}  // namespace

constexpr ExitMeaning kExits[] = {
    {ExitCode::invalid_input, "invalid input, unknown subject or request, or a letter the request does not allow "
                              "(for --batch: after exporting the others)"},
};

const Program kSarProgram{.name = "dpo-sar",
                            .summary = "dpo-sar: subject-access reports and the request log with Art. 12(3) deadlines",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "See dpo-sar(1)."};

}  // namespace dpo::cmd
