#include "manifest/consents_file.h"

#include <cctype>
#include <functional>

#include "base/strings.h"
#include "manifest/mapping.h"
#include "manifest/receipt_file.h"
#include "model/consent_rules.h"

namespace dpo::manifest {

using namespace model;

std::vector<std::string> split_list(const std::string& cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find(';', start);
    std::string item(trim(std::string_view(cell).substr(start, end == std::string::npos ? end : end - start)));
    if (!item.empty()) out.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

namespace {

using Where = std::function<Location(std::string_view field)>;

// How a file names a field in messages: 'notice.sha256'.
std::string quoted_field(std::string_view field) { return "'" + std::string(field) + "'"; }

using Fields = ConsentFields;

class EventChecker {
 public:
  EventChecker(const Register& reg, const Zone& zone, Diagnostics& diagnostics)
      : reg_(reg), zone_(zone), diagnostics_(diagnostics) {}

  void check(const Fields& f, const Where& where, ConsentEvent& e) { check(f, {where, quoted_field}, e); }

  void check(const Fields& f, const FieldPlaces& places, ConsentEvent& e) {
    const Where& where = places.where;
    auto name = [&](std::string_view field) { return places.name(field); };
    if (f.subject.empty())
      error(where("subject"), "missing " + name("subject"));
    else
      e.subject = SubjectKey(f.subject);
    if (f.purpose.empty()) error(where("purpose"), "missing " + name("purpose"));
    e.purpose = PurposeId(f.purpose);
    if (f.action.empty()) {
      error(where("action"), "missing " + name("action"), "given, refused or withdrawn");
    } else if (auto a = from_name(consent_actions(), f.action)) {
      e.action = *a;
    } else {
      error(where("action"), "unknown action" + quoted_id(f.action) + " in " + name("action"),
            hint(f.action, consent_actions()));
    }
    if (f.at.empty()) {
      error(where("at"), "missing " + name("at"), "when the person consented, like 2026-05-29T16:00:00+02:00");
    } else if (Parsed<Instant> t = parse_instant(f.at, zone_)) {
      e.at = *t;
    } else {
      error(where("at"), "bad time in " + name("at"), t.error());
    }
    if (!f.channel.empty()) {
      if (auto c = from_name(consent_channels(), f.channel))
        e.channel = *c;
      else
        error(where("channel"), "unknown channel" + quoted_id(f.channel) + " in " + name("channel"),
              hint(f.channel, consent_channels()));
    }
    e.notice_version = f.notice_version;
    e.notice_sha256 = to_lower(f.notice_sha256);
    if (!e.notice_sha256.empty() && !is_sha256_hex(e.notice_sha256))
      error(where("notice.sha256"), name("notice.sha256") + " is not a SHA-256", "64 hexadecimal digits");
    e.evidence = f.evidence;
    e.recorded_by = f.recorded_by;
    e.scope.formats = f.scope_formats;
    e.scope.channels = f.scope_channels;
    if (!f.scope_duration.empty()) {
      if (Parsed<Duration> d = Duration::parse(f.scope_duration))
        e.scope.duration = *d;
      else
        error(where("scope.duration"), "bad duration in " + name("scope.duration"), d.error());
    }
    if (f.has_parent) e.scope.parental = ParentalConsent{f.parent_name, f.parent_evidence};
    // Only what parsed is checked against the register, so one mistake is reported once.
    if (!f.purpose.empty() && !f.action.empty())
      for (const EventProblem& p : check_event(e, reg_)) error(where(p.field), p.message, p.hint);
  }

 private:
  const Register& reg_;
  Zone zone_;
  Diagnostics& diagnostics_;

  void error(const Location& where, std::string message, std::string hint = {}) {
    diagnostics_.add(where, std::move(message), std::move(hint));
  }

  template <class E>
  static std::string hint(const std::string& value, std::span<const Named<E>> table) {
    std::vector<std::string_view> all = names(table);
    std::string h = did_you_mean(value, all);
    if (!h.empty()) return h;
    std::string list;
    for (std::string_view n : all) list += (list.empty() ? "" : ", ") + std::string(n);
    return "expected one of " + list;
  }
};

constexpr std::string_view kKeys[] = {"subject", "purpose",  "action",      "at",   "channel",
                                      "notice",  "evidence", "recorded_by", "scope"};
constexpr std::string_view kNoticeKeys[] = {"version", "sha256"};
constexpr std::string_view kScopeKeys[] = {"formats", "channels", "duration", "parental"};
constexpr std::string_view kParentalKeys[] = {"name", "evidence"};

Fields json_fields(JsonLineReader& in, const JsonObject& j) {
  Fields f;
  in.keys(j, kKeys, "");
  f.subject = in.text(j, "subject");
  f.purpose = in.text(j, "purpose");
  f.action = in.text(j, "action");
  f.at = in.text(j, "at");
  f.channel = in.text(j, "channel");
  if (std::optional<JsonObject> notice = in.object(j, "notice")) {
    in.keys(*notice, kNoticeKeys, "notice.");
    f.notice_version = in.text(*notice, "version", "notice.");
    f.notice_sha256 = in.text(*notice, "sha256", "notice.");
  }
  f.evidence = in.text(j, "evidence");
  f.recorded_by = in.text(j, "recorded_by");
  if (std::optional<JsonObject> scope = in.object(j, "scope")) {
    in.keys(*scope, kScopeKeys, "scope.");
    f.scope_formats = in.texts(*scope, "formats", "scope.");
    f.scope_channels = in.texts(*scope, "channels", "scope.");
    f.scope_duration = in.text(*scope, "duration", "scope.");
    if (std::optional<JsonObject> parental = in.object(*scope, "parental", "scope.")) {
      in.keys(*parental, kParentalKeys, "scope.parental.");
      f.has_parent = true;
      f.parent_name = in.text(*parental, "name", "scope.parental.");
      f.parent_evidence = in.text(*parental, "evidence", "scope.parental.");
    }
  }
  return f;
}

constexpr std::string_view kColumns[] = {"subject",     "purpose",        "action",         "at",
                                         "channel",     "notice_version", "notice_sha256",  "evidence",
                                         "recorded_by", "scope_formats",  "scope_channels", "scope_duration",
                                         "parent_name", "parent_evidence"};

// The columns every CSV file of events has, whatever its rows say.
constexpr std::string_view kRequired[] = {"subject", "purpose", "action", "at"};

Fields csv_fields(const CsvTable& row) {
  Fields f;
  f.subject = row.cell("subject");
  f.purpose = row.cell("purpose");
  f.action = row.cell("action");
  f.at = row.cell("at");
  f.channel = row.cell("channel");
  f.notice_version = row.cell("notice_version");
  f.notice_sha256 = row.cell("notice_sha256");
  f.evidence = row.cell("evidence");
  f.recorded_by = row.cell("recorded_by");
  f.scope_formats = split_list(row.cell("scope_formats"));
  f.scope_channels = split_list(row.cell("scope_channels"));
  f.scope_duration = row.cell("scope_duration");
  f.parent_name = row.cell("parent_name");
  f.parent_evidence = row.cell("parent_evidence");
  f.has_parent = !f.parent_name.empty() || !f.parent_evidence.empty();
  return f;
}

// A dotted field name as its CSV column.
std::string column_of(std::string_view field) {
  if (field == "notice.sha256") return "notice_sha256";
  if (field == "scope.duration") return "scope_duration";
  if (field == "scope.parental") return "parent_name";
  return std::string(field);
}

}  // namespace

model::ConsentEvent consent_event(const ConsentFields& fields, const model::Register& reg, const Zone& zone,
                                  const FieldPlaces& places, Diagnostics& diagnostics) {
  model::ConsentEvent event;
  EventChecker(reg, zone, diagnostics).check(fields, places, event);
  return event;
}

namespace {

// The events of one row of an export read through a mapping: one for each
// consent column whose answer is not empty, given or refused as it says.
void read_mapped(const CsvTable& row, const Mapping& m, EventChecker& check, Diagnostics& d, const Location& line,
                 std::vector<ConsentRecord>& out) {
  MappedCells cells(row, m, d);
  for (const ConsentColumn& c : m.consents) {
    std::string answer = cells.flag(c.answer);
    if (answer.empty()) continue;
    Fields f;
    f.subject = cells.text(m.key);
    f.purpose = c.purpose.str();
    f.action = answer == "true" ? "given" : "refused";
    f.at = cells.date(c.at);
    if (f.at.empty() && !cells.text(c.at).empty()) continue;  // reported: not a date as the mapping writes them
    f.channel = c.channel;
    f.notice_version = c.notice_version;
    f.notice_sha256 = c.notice_sha256;
    f.evidence = cells.text(c.evidence);
    // Problems point at the column they come from, named by its header.
    auto column_of_field = [&](std::string_view field) -> const MappedColumn& {
      if (field == "subject") return m.key;
      if (field == "at") return c.at;
      if (field == "evidence" && c.evidence.mapped()) return c.evidence;
      return c.answer;
    };
    FieldPlaces places{[&](std::string_view field) { return cells.where(column_of_field(field)); },
                       [&](std::string_view field) { return "'" + column_of_field(field).name + "'"; }};
    ConsentRecord record{ConsentEvent{}, line};
    check.check(f, places, record.event);
    out.push_back(std::move(record));
  }
}

}  // namespace

struct ConsentReader::Impl {
  EventChecker check;
  std::optional<RecordStream> records;  ///< unset for receipts
  std::unique_ptr<ReceiptFile> receipts;
  std::optional<Mapping> mapping;
  bool columns_ok = true;
  Diagnostics* diagnostics = nullptr;
  std::vector<ConsentRecord> row;  ///< the events of the last row read through the mapping
  std::size_t handed = 0;          ///< how many of them next() gave out
  Impl(const std::filesystem::path& path, RecordFormat format, const Register& reg, const Zone& zone, Diagnostics& d)
      : check(reg, zone, d), records(std::in_place, path, format, kColumns, kRequired, d) {}
  Impl(const std::filesystem::path& path, const Mapping& m, const Register& reg, const Zone& zone, Diagnostics& d)
      : check(reg, zone, d),
        records(std::in_place, path, RecordFormat::csv, std::span<const std::string_view>{},
                std::span<const std::string_view>{}, d, m.dialect),
        mapping(m),
        columns_ok(has_columns(*records->csv(), m, d)),
        diagnostics(&d) {}
  Impl(const std::filesystem::path& path, const Register& reg, const Zone& zone, Diagnostics& d)
      : check(reg, zone, d), receipts(std::make_unique<ReceiptFile>(path, d)), diagnostics(&d) {}

  // The next event of the receipts that reads without a problem, its content
  // checked against the id its record gives it.
  bool next_receipt_event(ConsentRecord& out) {
    ReceiptEventFields r;
    while (receipts->next(r)) {
      std::size_t before = diagnostics->size();
      out.event = ConsentEvent{};
      out.where = r.places.where("");
      check.check(r.fields, r.places, out.event);
      if (diagnostics->size() == before && consent_event_id(out.event) != r.id)
        diagnostics->add(out.where, "the event does not match its id: it was changed after it was recorded",
                         "import the record as its ledger wrote it");
      if (diagnostics->size() == before) return true;
    }
    return false;
  }
};

ConsentReader::ConsentReader(const std::filesystem::path& path, RecordFormat format, const Register& reg,
                             const Zone& zone, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(path, format, reg, zone, diagnostics)) {}

ConsentReader::ConsentReader(const std::filesystem::path& path, const Mapping& mapping, const Register& reg,
                             const Zone& zone, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(path, mapping, reg, zone, diagnostics)) {}

ConsentReader::ConsentReader(const std::filesystem::path& path, Receipts, const Register& reg, const Zone& zone,
                             Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(path, reg, zone, diagnostics)) {}

ConsentReader::~ConsentReader() = default;

bool ConsentReader::next(ConsentRecord& out) {
  if (impl_->receipts) return impl_->next_receipt_event(out);
  EventChecker& check = impl_->check;
  if (impl_->mapping) {
    Impl& i = *impl_;
    if (!i.columns_ok) return false;
    while (i.handed == i.row.size()) {
      i.row.clear();
      i.handed = 0;
      Location line;
      if (!i.records->next(
              line, [](JsonLineReader&, const JsonObject&) {},
              [&](const CsvTable& table) {
                i.row.clear();
                read_mapped(table, *i.mapping, check, *i.diagnostics, Location{i.records->name(), table.line(), 0},
                            i.row);
              }))
        return false;
    }
    out = std::move(i.row[i.handed++]);
    return true;
  }
  return impl_->records->next(
      out.where,
      [&](JsonLineReader& in, const JsonObject& j) {
        out.event = ConsentEvent{};
        // Top-level fields are found in the line; nested ones point at their object.
        check.check(
            json_fields(in, j), [&](std::string_view field) { return in.at(field.substr(0, field.find('.'))); },
            out.event);
      },
      [&](const CsvTable& row) {
        out.event = ConsentEvent{};
        check.check(
            csv_fields(row), [&](std::string_view field) { return row.where(column_of(field)); }, out.event);
      });
}

long long ConsentReader::converted() const {
  const CsvTable* table = impl_->records ? impl_->records->csv() : nullptr;
  return table ? table->converted() : 0;
}

const std::string& ConsentReader::name() const {
  return impl_->receipts ? impl_->receipts->name() : impl_->records->name();
}
long long ConsentReader::size() const { return impl_->receipts ? impl_->receipts->size() : impl_->records->size(); }
long long ConsentReader::position() {
  return impl_->receipts ? impl_->receipts->position() : impl_->records->position();
}

}  // namespace dpo::manifest
