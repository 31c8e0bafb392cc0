#include "model/audit.h"

#include <algorithm>

#include "l10n/format.h"

namespace dpo::model {

const ActivityFacts* AuditFacts::activity(const ActivityId& id) const {
  auto it = std::find_if(activities.begin(), activities.end(), [&](const ActivityFacts& f) { return f.activity == id; });
  return it == activities.end() ? nullptr : &*it;
}

const PurposeFacts* AuditFacts::purpose(const PurposeId& id) const {
  auto it = std::find_if(purposes.begin(), purposes.end(), [&](const PurposeFacts& f) { return f.purpose == id; });
  return it == purposes.end() ? nullptr : &*it;
}

namespace {

// Control characters mark a name: its start (one for a quoted label, one for
// words), the break between its two forms, its end. `named` drops them from
// what it carries, so a label cannot forge or break a marker.
constexpr char kStart = '\x1e';
constexpr char kStartWords = '\x1c';
constexpr char kStarts[] = {kStart, kStartWords, '\0'};
constexpr char kBetween = '\x1f';
constexpr char kEnd = '\x1d';

void append_clean(std::string& out, std::string_view text) {
  for (char c : text)
    if (c != kStart && c != kStartWords && c != kBetween && c != kEnd) out += c;
}

std::string marker(char start, std::string_view as_id, std::string_view label) {
  std::string out(1, start);
  append_clean(out, as_id);
  out += kBetween;
  append_clean(out, label.empty() ? as_id : label);
  out += kEnd;
  return out;
}

}  // namespace

std::string named(std::string_view as_id, std::string_view label) { return marker(kStart, as_id, label); }
std::string worded(std::string_view as_id, std::string_view words) { return marker(kStartWords, as_id, words); }

std::string with_names(std::string_view message, Naming naming, Lang lang) {
  std::string out;
  out.reserve(message.size());
  std::size_t at = 0;
  while (at < message.size()) {
    std::size_t start = message.find_first_of(kStarts, at);
    std::size_t between = start == std::string_view::npos ? start : message.find(kBetween, start);
    std::size_t end = between == std::string_view::npos ? between : message.find(kEnd, between);
    if (end == std::string_view::npos) {
      out += message.substr(at);
      break;
    }
    out += message.substr(at, start - at);
    bool quoted = message[start] == kStart;
    if (naming == Naming::ids) {
      out += message.substr(start + 1, between - start - 1);
    } else if (!quoted) {
      out += message.substr(between + 1, end - between - 1);
    } else {
      out += l10n::quoted(message.substr(between + 1, end - between - 1), lang);
    }
    at = end + 1;
  }
  return out;
}

std::optional<long long> lower_median(std::vector<long long> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

std::string_view name_of(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

long long AuditResult::count(Severity severity) const {
  return std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule.severity == severity; });
}

long long RecordedAudit::count(Severity severity) const {
  return std::count_if(findings.begin(), findings.end(),
                       [&](const RecordedFinding& f) { return f.severity == severity; });
}

RecordedKpi record_of(const Kpi& kpi) {
  RecordedKpi r{std::string(kpi.id), {}, {}};
  if (kpi.known) r.numerator = kpi.numerator;
  if (kpi.share) r.denominator = kpi.denominator;
  return r;
}

RecordedAudit record_of(const AuditResult& result, Instant as_of) {
  RecordedAudit out{as_of, {}, {}};
  for (const Kpi& k : result.kpis) out.kpis.push_back(record_of(k));
  for (const Finding& f : result.findings)
    out.findings.push_back({std::string(f.rule.id), f.rule.severity, f.object_kind, f.object, f.count});
  return out;
}


std::string place_of(const std::string& object_kind, const std::string& object, const Register& reg, Lang lang) {
  if (object_kind == "activity" || object_kind == "rule") {
    std::size_t slash = object.find('/');
    const Activity* a = reg.activity(ActivityId(object.substr(0, slash)));
    std::string name = a ? a->name : object.substr(0, slash);
    if (slash == std::string::npos) return name;
    const DataCategory* c = reg.category(CategoryId(object.substr(slash + 1)));
    return name + " — " + (c ? c->label : object.substr(slash + 1));
  }
  if (object_kind == "processor") {
    const Processor* p = reg.processor(ProcessorId(object));
    return p ? p->name : object;
  }
  if (object_kind == "purpose") {
    const Purpose* p = reg.purpose(PurposeId(object));
    return p ? p->label : object;
  }
  if (object_kind == "request") return l10n::say({"request {}", "demande n° {}"}, lang, object);
  if (object_kind == "breach") return l10n::say({"breach {}", "violation {}"}, lang, object);
  if (object_kind == "ledger") return l10n::say({"consent ledger", "registre des consentements"}, lang);
  return l10n::say({"organisation", "organisme"}, lang);
}

}  // namespace dpo::model
