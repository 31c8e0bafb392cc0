#include "store/register_store.h"

#include <nlohmann/json.hpp>

#include <set>
#include <type_traits>

#include "base/strings.h"
#include "store/detail.h"
#include "store/table_sync.h"

namespace dpo::store {

// The key of the activity ids in a register import's journal counts.
constexpr const char* kActivityIds = "activity_ids";

std::string journal_counts(const RegisterChanges& changes) {
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  for (const auto& [table, c] : changes.tables)
    counts[table] = {{"added", c.added}, {"changed", c.changed}, {"removed", c.removed}};
  const ActivityChanges& a = changes.activities;
  counts[kActivityIds] = {{"added", a.added}, {"changed", a.changed}, {"removed", a.removed}};
  return counts.dump();
}

namespace {

using namespace model;

Value num(std::int64_t n) { return n; }
Value flag(bool b) { return std::int64_t{b ? 1 : 0}; }
Value opt_date(const std::optional<Date>& d) { return d ? Value(format_date(*d)) : Value(); }
template <class E>
Value opt_name(std::span<const Named<E>> table, const std::optional<E>& v) {
  return v ? Value(std::string(name_of(table, *v))) : Value();
}

// code -> surrogate id of one register table.
std::map<std::string, std::int64_t> ids_by_code(SQLite::Database& db, const std::string& table) {
  std::map<std::string, std::int64_t> out;
  SQLite::Statement st(db, "SELECT code, id FROM " + table);
  while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
  return out;
}

// Refuses a register that drops activities or categories that data still uses:
// the holdings would lose their rules. Purge or move the data first.
void check_drops(SQLite::Database& db, const Register& reg, const std::string& file_name) {
  Diagnostics problems;
  std::set<std::string> activities, categories;
  for (const auto& a : reg.activities) activities.insert(a.id.str());
  for (const auto& c : reg.data_categories) categories.insert(c.id.str());
  SQLite::Statement used_activities(db,
                                    "SELECT a.code, count(*) FROM activity a JOIN engagement e ON e.activity_id = a.id "
                                    "GROUP BY a.id ORDER BY a.code");
  while (used_activities.executeStep()) {
    std::string code = used_activities.getColumn(0).getString();
    if (!activities.count(code))
      problems.add(Location{file_name, 0, 0},
                   "activity '" + code + "' is missing, but " + std::to_string(used_activities.getColumn(1).getInt64()) +
                       " subjects are engaged in it",
                   "keep it in the register until 'dpo purge' has erased its data");
  }
  SQLite::Statement used_categories(db,
                                    "SELECT c.code, count(*) FROM data_category c JOIN holding h ON h.category_id = c.id "
                                    "GROUP BY c.id ORDER BY c.code");
  while (used_categories.executeStep()) {
    std::string code = used_categories.getColumn(0).getString();
    if (!categories.count(code))
      problems.add(Location{file_name, 0, 0},
                   "data category '" + code + "' is missing, but " +
                       std::to_string(used_categories.getColumn(1).getInt64()) + " holdings are of it",
                   "keep it in the register until 'dpo purge' has erased them");
  }
  problems.throw_if_any(quote(file_name));
}

// Holdings must stay covered: a category an activity drops from 'data' may not
// still be held for it.
void check_activity_data(SQLite::Database& db, const Register& reg, const std::string& file_name) {
  Diagnostics problems;
  SQLite::Statement used(db,
                         "SELECT DISTINCT a.code, c.code FROM holding h JOIN activity a ON a.id = h.activity_id "
                         "JOIN data_category c ON c.id = h.category_id ORDER BY a.code, c.code");
  while (used.executeStep()) {
    std::string activity = used.getColumn(0).getString();
    std::string category = used.getColumn(1).getString();
    const Activity* a = reg.activity(ActivityId(activity));
    if (!a) continue;  // reported by check_drops
    if (std::find(a->data.begin(), a->data.end(), CategoryId(category)) == a->data.end())
      problems.add(Location{file_name, 0, 0},
                   "activity '" + activity + "' no longer lists data category '" + category +
                       "', but holdings of it remain",
                   "keep it in 'data' until 'dpo purge' has erased them");
  }
  problems.throw_if_any(quote(file_name));
}

// Activities compared as the store holds them before and after an import, so
// that what the store does not keep (comments, spelling) is no change.
ActivityChanges activity_changes(const std::optional<Register>& before, const Register& after) {
  ActivityChanges out;
  for (const Activity& a : after.activities) {
    const Activity* old = before ? before->activity(a.id) : nullptr;
    if (!old)
      out.added.push_back(a.id.str());
    else if (!(*old == a))
      out.changed.push_back(a.id.str());
  }
  if (before)
    for (const Activity& a : before->activities)
      if (!after.activity(a.id)) out.removed.push_back(a.id.str());
  return out;
}

ChangeSet sync_register(SQLite::Database& d, const Register& reg);

}  // namespace

RegisterChanges save_register(Store& store, const Register& reg, const std::string& file_name) {
  SQLite::Database& d = db(store);
  check_drops(d, reg, file_name);
  check_activity_data(d, reg, file_name);
  std::optional<Register> before = load_register(store);
  RegisterChanges out;
  out.tables = sync_register(d, reg);
  out.activities = activity_changes(before, *load_register(store));
  return out;
}

namespace {

// Writes the register's tables, returning the rows changed per table.
ChangeSet sync_register(SQLite::Database& d, const Register& reg) {
  ChangeSet out;
  auto record = [&](std::string_view table, Changes c) {
    if (c.total()) out[std::string(table)] = c;
  };

  const Controller& c = reg.controller;
  record("controller",
         sync_table(d,
                    {"controller",
                     {"id"},
                     {"name", "siren", "address", "contact", "has_dpo", "dpo_name", "dpo_email", "dpo_phone",
                      "representative", "authority", "country", "timezone", "language", "reviewed",
                      "register_version", "public_body", "dpo_designation", "suppression", "sector", "headcount"}},
                    {{num(1), c.name, text_value(c.siren), text_value(c.address), text_value(c.contact),
                      flag(c.dpo.has_value()), text_value(c.dpo ? c.dpo->name : ""),
                      text_value(c.dpo ? c.dpo->email : ""), text_value(c.dpo ? c.dpo->phone : ""),
                      text_value(c.representative), text_value(c.authority), c.country, c.timezone, c.language,
                      opt_date(c.reviewed), num(reg.version), flag(c.public_body),
                      text_value(c.dpo ? c.dpo->designation : ""), c.suppression.str(), text_value(c.sector),
                      c.headcount ? num(*c.headcount) : Value()}}));

  // Entries first: their surrogate ids are what the links below point at.
  std::vector<Row> rows;
  for (std::size_t i = 0; i < reg.data_categories.size(); ++i) {
    const auto& cat = reg.data_categories[i];
    rows.push_back({cat.id.str(), cat.label, flag(cat.special), num(static_cast<std::int64_t>(i)), flag(cat.free_text),
                    opt_name(data_kinds(), cat.kind)});
  }
  record("data_category", sync_table(d, {"data_category", {"code"}, {"label", "special", "position", "free_text", "kind"}}, rows));

  rows.clear();
  for (std::size_t i = 0; i < reg.purposes.size(); ++i) {
    const auto& p = reg.purposes[i];
    rows.push_back({p.id.str(), p.label, flag(p.consent_required), p.validity ? Value(p.validity->str()) : Value(),
                    p.proof ? Value(p.proof->str()) : Value(), flag(p.marketing), flag(p.cpf_eligible),
                    opt_name(marketing_exceptions(), p.marketing_exception), num(static_cast<std::int64_t>(i)),
                    flag(p.explicit_consent)});
  }
  record("purpose", sync_table(d,
                               {"purpose",
                                {"code"},
                                {"label", "consent_required", "validity", "proof", "marketing", "cpf_eligible",
                                 "marketing_exception", "position", "explicit_consent"}},
                               rows));

  rows.clear();
  for (std::size_t i = 0; i < reg.processors.size(); ++i) {
    const auto& p = reg.processors[i];
    rows.push_back({p.id.str(), p.name, p.country, flag(p.dpa.has_value()),
                    p.dpa ? opt_date(p.dpa->signed_on) : Value(), p.dpa ? opt_date(p.dpa->review_on) : Value(),
                    flag(p.covered_by_adequacy), num(static_cast<std::int64_t>(i))});
  }
  record("processor",
         sync_table(d,
                    {"processor",
                     {"code"},
                     {"name", "country", "has_dpa", "dpa_signed", "dpa_review", "covered_by_adequacy", "position"}},
                    rows));

  rows.clear();
  for (std::size_t i = 0; i < reg.activities.size(); ++i) {
    const auto& a = reg.activities[i];
    // Each basis is given once: the interest is the activity's.
    const BasisUse* li = use_on(a, LegalBasis::legitimate_interests);
    rows.push_back({a.id.str(), a.name, text_value(a.description), text_value(a.joint_controller),
                    opt_name(special_conditions(), a.special_condition), text_value(a.source),
                    text_value(a.automated_decisions), opt_name(dpia_states(), a.dpia.status),
                    num(static_cast<std::int64_t>(i)), text_value(a.authorisation), flag(a.monitoring),
                    opt_date(a.dpia.date), opt_date(a.dpia.review), text_value(a.dpia.reason),
                    text_value(li ? li->interest : ""), text_value(li ? li->balancing : "")});
  }
  record("activity", sync_table(d,
                                {"activity",
                                 {"code"},
                                 {"name", "description", "joint_controller", "special_condition", "source",
                                  "automated_decisions", "dpia", "position", "authorisation", "monitoring", "dpia_date",
                                  "dpia_review", "dpia_reason", "interest", "balancing"}},
                                rows));

  auto category_ids = ids_by_code(d, "data_category");
  auto purpose_ids = ids_by_code(d, "purpose");
  auto processor_ids = ids_by_code(d, "processor");
  auto activity_ids = ids_by_code(d, "activity");

  // A list of values under a parent, keyed by position.
  auto sync_list = [&](std::string_view table, std::string_view parent, std::string_view column,
                       const std::vector<std::pair<std::int64_t, std::vector<Value>>>& lists) {
    std::vector<Row> list_rows;
    for (const auto& [parent_id, values] : lists)
      for (std::size_t i = 0; i < values.size(); ++i)
        list_rows.push_back({num(parent_id), num(static_cast<std::int64_t>(i)), values[i]});
    record(table, sync_table(d, {table, {parent, "position"}, {column}}, list_rows));
  };
  auto texts = [](const std::vector<std::string>& v) { return std::vector<Value>(v.begin(), v.end()); };

  std::vector<std::pair<std::int64_t, std::vector<Value>>> lists;
  for (const auto& p : reg.purposes) {
    std::vector<Value> values;
    for (Channel ch : p.channels) values.emplace_back(std::string(name_of(channels(), ch)));
    lists.push_back({purpose_ids.at(p.id.str()), values});
  }
  sync_list("purpose_channel", "purpose_id", "channel", lists);

  lists.clear();
  for (const auto& p : reg.processors) lists.push_back({processor_ids.at(p.id.str()), texts(p.services)});
  sync_list("processor_service", "processor_id", "service", lists);

  lists.clear();
  for (const auto& p : reg.processors) {
    std::vector<Value> values;
    if (p.dpa)
      for (DpaClause clause : p.dpa->clauses) values.emplace_back(std::string(name_of(dpa_clauses(), clause)));
    lists.push_back({processor_ids.at(p.id.str()), values});
  }
  sync_list("dpa_clause", "processor_id", "clause", lists);

  lists.clear();
  for (const auto& p : reg.processors) {
    std::vector<Value> values;
    if (p.dpa)
      for (DpaParticular particular : p.dpa->particulars)
        values.emplace_back(std::string(name_of(dpa_particulars(), particular)));
    lists.push_back({processor_ids.at(p.id.str()), values});
  }
  sync_list("dpa_particular", "processor_id", "particular", lists);

  rows.clear();
  for (const auto& p : reg.processors)
    for (std::size_t i = 0; i < p.subprocessors.size(); ++i) {
      const auto& s = p.subprocessors[i];
      rows.push_back({num(processor_ids.at(p.id.str())), num(static_cast<std::int64_t>(i)), s.name, s.country,
                      opt_date(s.authorised), opt_name(safeguards(), s.safeguard), flag(s.covered_by_adequacy)});
    }
  record("subprocessor", sync_table(d,
                                    {"subprocessor",
                                     {"processor_id", "position"},
                                     {"name", "country", "authorised", "safeguard", "covered_by_adequacy"}},
                                    rows));

  auto activity_lists = [&](std::string_view table, std::string_view column, auto values_of) {
    lists.clear();
    for (const auto& a : reg.activities) lists.push_back({activity_ids.at(a.id.str()), values_of(a)});
    sync_list(table, "activity_id", column, lists);
  };
  activity_lists("activity_purpose", "purpose_id", [&](const Activity& a) {
    std::vector<Value> v;
    for (const auto& id : a.purposes) v.push_back(num(purpose_ids.at(id.str())));
    return v;
  });
  activity_lists("activity_data", "category_id", [&](const Activity& a) {
    std::vector<Value> v;
    for (const auto& id : a.data) v.push_back(num(category_ids.at(id.str())));
    return v;
  });
  activity_lists("activity_processor", "processor_id", [&](const Activity& a) {
    std::vector<Value> v;
    for (const auto& id : a.processors) v.push_back(num(processor_ids.at(id.str())));
    return v;
  });
  activity_lists("activity_subject", "subject", [&](const Activity& a) { return texts(a.subjects); });
  activity_lists("activity_recipient", "recipient", [&](const Activity& a) { return texts(a.recipients); });
  activity_lists("activity_security", "measure", [&](const Activity& a) { return texts(a.security); });
  rows.clear();
  for (const auto& a : reg.activities) {
    std::int64_t position = 0;
    for (const BasisUse& use : a.bases) {
      std::vector<Value> purposes;
      for (const PurposeId& id : use.purposes) purposes.push_back(num(purpose_ids.at(id.str())));
      if (purposes.empty()) purposes.emplace_back();  // the whole activity
      for (const Value& purpose : purposes)
        rows.push_back({num(activity_ids.at(a.id.str())), num(position++),
                        std::string(name_of(legal_bases(), use.basis)), purpose});
    }
  }
  record("activity_basis",
         sync_table(d, {"activity_basis", {"activity_id", "position"}, {"basis", "purpose_id"}}, rows));
  activity_lists("activity_dpia_criterion", "criterion", [&](const Activity& a) {
    std::vector<Value> v;
    for (DpiaCriterion criterion : a.dpia.criteria) v.emplace_back(std::string(name_of(dpia_criteria(), criterion)));
    return v;
  });
  activity_lists("activity_cnil_dpia", "entry", [&](const Activity& a) {
    std::vector<Value> v;
    for (CnilDpiaType t : a.dpia.cnil_list) v.emplace_back(std::string(name_of(cnil_dpia_types(), t)));
    return v;
  });

  rows.clear();
  for (const auto& a : reg.activities)
    for (std::size_t i = 0; i < a.transfers.size(); ++i) {
      const auto& t = a.transfers[i];
      rows.push_back({num(activity_ids.at(a.id.str())), num(static_cast<std::int64_t>(i)), t.country,
                      text_value(t.recipient), opt_name(safeguards(), t.safeguard), flag(t.occasional),
                      flag(t.covered_by_adequacy)});
    }
  record("activity_transfer", sync_table(d,
                                         {"activity_transfer",
                                          {"activity_id", "position"},
                                          {"country", "recipient", "safeguard", "occasional", "covered_by_adequacy"}},
                                         rows));

  rows.clear();
  for (const auto& a : reg.activities)
    for (std::size_t r = 0; r < a.retention.size(); ++r) {
      const RetentionRule& rule = a.retention[r];
      for (std::size_t i = 0; i < rule.data.size(); ++i)
        rows.push_back({num(activity_ids.at(a.id.str())), num(static_cast<std::int64_t>(r)),
                        num(static_cast<std::int64_t>(i)), num(category_ids.at(rule.data[i].str())),
                        rule.keep.str(), std::string(name_of(triggers(), rule.from)),
                        rule.fallback ? Value(std::string(name_of(triggers(), *rule.fallback))) : Value(),
                        std::string(name_of(retention_actions(), rule.action)), text_value(rule.basis),
                        rule.obligation ? num(*rule.obligation ? 1 : 0) : Value(), text_value(rule.justification)});
    }
  record("retention_rule",
         sync_table(d,
                    {"retention_rule",
                     {"activity_id", "rule_no", "position"},
                     {"category_id", "keep", "trigger", "fallback", "action", "basis", "obligation", "justification"}},
                    rows));
  return out;
}

[[noreturn]] void corrupt(const std::string& what) {
  throw Error(ExitCode::store, "the store holds a bad " + what + "; re-import the register");
}

template <class E>
std::optional<E> enum_column(const SQLite::Column& c, std::span<const Named<E>> table, const char* what) {
  if (c.isNull()) return std::nullopt;
  auto v = from_name(table, c.getString());
  if (!v) corrupt(what);
  return v;
}

std::optional<Date> date_column(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  Parsed<Date> d = parse_stored_date(c.getString());
  if (!d) corrupt("date");
  return *d;
}

// Reads a list table into per-parent lists, in position order; T is std::string or std::int64_t.
template <class T>
std::map<std::int64_t, std::vector<T>> lists_of(SQLite::Database& db, const std::string& table,
                                                const std::string& parent, const std::string& column) {
  std::map<std::int64_t, std::vector<T>> out;
  SQLite::Statement st(db, "SELECT " + parent + ", " + column + " FROM " + table + " ORDER BY " + parent +
                               ", position");
  while (st.executeStep()) {
    if constexpr (std::is_same_v<T, std::string>)
      out[st.getColumn(0).getInt64()].push_back(st.getColumn(1).getString());
    else
      out[st.getColumn(0).getInt64()].push_back(st.getColumn(1).getInt64());
  }
  return out;
}

}  // namespace

std::optional<Register> load_register(Store& store) {
  SQLite::Database& d = db(store);
  Register reg;
  {
    SQLite::Statement st(d,
                         "SELECT name, siren, address, contact, has_dpo, dpo_name, dpo_email, dpo_phone, "
                         "representative, authority, country, timezone, language, reviewed, register_version, "
                         "public_body, dpo_designation, suppression, sector, headcount FROM controller WHERE id = 1");
    if (!st.executeStep()) return std::nullopt;
    Controller& c = reg.controller;
    c.name = st.getColumn(0).getString();
    c.siren = text_of(st.getColumn(1));
    c.address = text_of(st.getColumn(2));
    c.contact = text_of(st.getColumn(3));
    if (st.getColumn(4).getInt())
      c.dpo = Dpo{text_of(st.getColumn(5)), text_of(st.getColumn(6)), text_of(st.getColumn(7)),
                  text_of(st.getColumn(16))};
    c.representative = text_of(st.getColumn(8));
    c.authority = text_of(st.getColumn(9));
    c.country = st.getColumn(10).getString();
    c.timezone = st.getColumn(11).getString();
    c.language = st.getColumn(12).getString();
    c.reviewed = date_column(st.getColumn(13));
    reg.version = st.getColumn(14).getInt();
    c.public_body = st.getColumn(15).getInt() != 0;
    if (!st.getColumn(17).isNull()) {
      Parsed<Duration> period = Duration::parse(st.getColumn(17).getString());
      if (!period) corrupt("suppression");
      c.suppression = *period;
    }
    c.sector = text_of(st.getColumn(18));
    if (!st.getColumn(19).isNull()) c.headcount = st.getColumn(19).getInt64();
  }
  std::map<std::int64_t, std::string> category_code, purpose_code, processor_code;
  {
    SQLite::Statement st(d, "SELECT id, code, label, special, free_text, kind FROM data_category ORDER BY position");
    while (st.executeStep()) {
      category_code[st.getColumn(0).getInt64()] = st.getColumn(1).getString();
      DataCategory c{CategoryId(st.getColumn(1).getString()), st.getColumn(2).getString(),
                     st.getColumn(3).getInt() != 0};
      c.free_text = st.getColumn(4).getInt() != 0;
      c.kind = enum_column(st.getColumn(5), data_kinds(), "data kind");
      if (c.special) c.kind = DataKind::special;  // stores from before kinds
      reg.data_categories.push_back(std::move(c));
    }
  }
  {
    auto channel_lists = lists_of<std::string>(d, "purpose_channel", "purpose_id", "channel");
    SQLite::Statement st(
        d,
        "SELECT id, code, label, consent_required, validity, marketing, proof, cpf_eligible, marketing_exception, "
        "explicit_consent FROM purpose ORDER BY position");
    while (st.executeStep()) {
      std::int64_t id = st.getColumn(0).getInt64();
      purpose_code[id] = st.getColumn(1).getString();
      Purpose p;
      p.id = PurposeId(st.getColumn(1).getString());
      p.label = st.getColumn(2).getString();
      p.consent_required = st.getColumn(3).getInt() != 0;
      if (!st.getColumn(4).isNull()) {
        Parsed<Duration> v = Duration::parse(st.getColumn(4).getString());
        if (!v) corrupt("duration");
        p.validity = *v;
      }
      p.marketing = st.getColumn(5).getInt() != 0;
      if (!st.getColumn(6).isNull()) {
        Parsed<Duration> v = Duration::parse(st.getColumn(6).getString());
        if (!v) corrupt("duration");
        p.proof = *v;
      }
      p.cpf_eligible = st.getColumn(7).getInt() != 0;
      p.marketing_exception = enum_column(st.getColumn(8), marketing_exceptions(), "marketing exception");
      p.explicit_consent = st.getColumn(9).getInt() != 0;
      for (const std::string& ch : channel_lists[id]) {
        auto v = from_name(channels(), ch);
        if (!v) corrupt("channel");
        p.channels.push_back(*v);
      }
      reg.purposes.push_back(std::move(p));
    }
  }
  {
    auto services = lists_of<std::string>(d, "processor_service", "processor_id", "service");
    auto clauses = lists_of<std::string>(d, "dpa_clause", "processor_id", "clause");
    auto particulars = lists_of<std::string>(d, "dpa_particular", "processor_id", "particular");
    std::map<std::int64_t, std::vector<SubProcessor>> subs;
    SQLite::Statement s(d,
                        "SELECT processor_id, name, country, authorised, safeguard, covered_by_adequacy "
                        "FROM subprocessor ORDER BY processor_id, position");
    while (s.executeStep())
      subs[s.getColumn(0).getInt64()].push_back(
          {s.getColumn(1).getString(), s.getColumn(2).getString(), date_column(s.getColumn(3)),
           enum_column(s.getColumn(4), safeguards(), "transfer safeguard"), s.getColumn(5).getInt() != 0});
    SQLite::Statement st(d,
                         "SELECT id, code, name, country, has_dpa, dpa_signed, dpa_review, covered_by_adequacy "
                         "FROM processor ORDER BY position");
    while (st.executeStep()) {
      std::int64_t id = st.getColumn(0).getInt64();
      processor_code[id] = st.getColumn(1).getString();
      Processor p;
      p.id = ProcessorId(st.getColumn(1).getString());
      p.name = st.getColumn(2).getString();
      p.country = st.getColumn(3).getString();
      p.services = services[id];
      if (st.getColumn(4).getInt()) {
        Dpa dpa{date_column(st.getColumn(5)), date_column(st.getColumn(6)), {}, {}};
        for (const std::string& c : clauses[id]) {
          auto v = from_name(dpa_clauses(), c);
          if (!v) corrupt("DPA clause");
          dpa.clauses.push_back(*v);
        }
        for (const std::string& c : particulars[id]) {
          auto v = from_name(dpa_particulars(), c);
          if (!v) corrupt("DPA particular");
          dpa.particulars.push_back(*v);
        }
        p.dpa = std::move(dpa);
      }
      p.subprocessors = subs[id];
      p.covered_by_adequacy = st.getColumn(7).getInt() != 0;
      reg.processors.push_back(std::move(p));
    }
  }
  {
    auto purposes = lists_of<std::int64_t>(d, "activity_purpose", "activity_id", "purpose_id");
    auto data = lists_of<std::int64_t>(d, "activity_data", "activity_id", "category_id");
    auto processors = lists_of<std::int64_t>(d, "activity_processor", "activity_id", "processor_id");
    auto subjects = lists_of<std::string>(d, "activity_subject", "activity_id", "subject");
    auto recipients = lists_of<std::string>(d, "activity_recipient", "activity_id", "recipient");
    auto dpia_criteria_of = lists_of<std::string>(d, "activity_dpia_criterion", "activity_id", "criterion");
    // A basis's rows are consecutive: one per purpose, or one with none.
    std::map<std::int64_t, std::vector<BasisUse>> bases;
    SQLite::Statement b(d, "SELECT activity_id, basis, purpose_id FROM activity_basis ORDER BY activity_id, position");
    while (b.executeStep()) {
      std::vector<BasisUse>& uses = bases[b.getColumn(0).getInt64()];
      LegalBasis basis = *enum_column(b.getColumn(1), legal_bases(), "legal basis");
      if (uses.empty() || uses.back().basis != basis) uses.push_back({basis, {}});
      if (!b.getColumn(2).isNull()) uses.back().purposes.push_back(PurposeId(purpose_code.at(b.getColumn(2).getInt64())));
    }
    auto cnil_dpia_of = lists_of<std::string>(d, "activity_cnil_dpia", "activity_id", "entry");
    auto security = lists_of<std::string>(d, "activity_security", "activity_id", "measure");
    std::map<std::int64_t, std::vector<Transfer>> transfers;
    SQLite::Statement t(d,
                        "SELECT activity_id, country, recipient, safeguard, occasional, covered_by_adequacy "
                        "FROM activity_transfer ORDER BY activity_id, position");
    while (t.executeStep())
      transfers[t.getColumn(0).getInt64()].push_back({t.getColumn(1).getString(), text_of(t.getColumn(2)),
                                                      enum_column(t.getColumn(3), safeguards(), "transfer safeguard"),
                                                      t.getColumn(4).getInt() != 0, t.getColumn(5).getInt() != 0});
    std::map<std::int64_t, std::vector<RetentionRule>> retention;
    SQLite::Statement r(d,
                        "SELECT activity_id, rule_no, category_id, keep, trigger, action, basis, fallback, obligation, "
                        "justification FROM retention_rule "
                        "ORDER BY activity_id, rule_no, position");
    while (r.executeStep()) {
      auto& rules = retention[r.getColumn(0).getInt64()];
      auto rule_no = static_cast<std::size_t>(r.getColumn(1).getInt());
      if (rules.size() <= rule_no) rules.resize(rule_no + 1);
      RetentionRule& rule = rules[rule_no];
      rule.data.push_back(CategoryId(category_code.at(r.getColumn(2).getInt64())));
      Parsed<Duration> keep = Duration::parse(r.getColumn(3).getString());
      if (!keep) corrupt("duration");
      rule.keep = *keep;
      rule.from = *enum_column(r.getColumn(4), triggers(), "retention trigger");
      rule.action = *enum_column(r.getColumn(5), retention_actions(), "retention action");
      rule.basis = text_of(r.getColumn(6));
      rule.fallback = enum_column(r.getColumn(7), triggers(), "retention trigger");
      if (!r.getColumn(8).isNull()) rule.obligation = r.getColumn(8).getInt() != 0;
      rule.justification = text_of(r.getColumn(9));
    }
    SQLite::Statement st(d,
                         "SELECT id, code, name, description, joint_controller, special_condition, "
                         "source, automated_decisions, dpia, authorisation, monitoring, dpia_date, dpia_review, "
                         "dpia_reason, interest, balancing FROM activity ORDER BY position");
    while (st.executeStep()) {
      std::int64_t id = st.getColumn(0).getInt64();
      Activity a;
      a.id = ActivityId(st.getColumn(1).getString());
      a.name = st.getColumn(2).getString();
      a.description = text_of(st.getColumn(3));
      a.joint_controller = text_of(st.getColumn(4));
      a.special_condition = enum_column(st.getColumn(5), special_conditions(), "Art. 9(2) condition");
      a.source = text_of(st.getColumn(6));
      a.automated_decisions = text_of(st.getColumn(7));
      a.dpia.status = enum_column(st.getColumn(8), dpia_states(), "DPIA status");
      a.authorisation = text_of(st.getColumn(9));
      a.monitoring = st.getColumn(10).getInt() != 0;
      a.dpia.date = date_column(st.getColumn(11));
      a.dpia.review = date_column(st.getColumn(12));
      a.dpia.reason = text_of(st.getColumn(13));
      a.bases = std::move(bases[id]);
      for (BasisUse& use : a.bases)
        if (use.basis == LegalBasis::legitimate_interests) {
          use.interest = text_of(st.getColumn(14));
          use.balancing = text_of(st.getColumn(15));
        }
      for (const std::string& c : dpia_criteria_of[id]) {
        auto v = from_name(dpia_criteria(), c);
        if (!v) corrupt("WP248 criterion");
        a.dpia.criteria.push_back(*v);
      }
      for (const std::string& e : cnil_dpia_of[id]) {
        auto v = from_name(cnil_dpia_types(), e);
        if (!v) corrupt("CNIL DPIA list entry");
        a.dpia.cnil_list.push_back(*v);
      }
      for (const auto& p : purposes[id]) a.purposes.push_back(PurposeId(purpose_code.at(p)));
      for (const auto& c : data[id]) a.data.push_back(CategoryId(category_code.at(c)));
      for (const auto& p : processors[id]) a.processors.push_back(ProcessorId(processor_code.at(p)));
      a.subjects = subjects[id];
      a.recipients = recipients[id];
      a.security = security[id];
      a.transfers = transfers[id];
      // Rules whose every category was dropped leave holes; skip them.
      for (auto& rule : retention[id])
        if (!rule.data.empty()) a.retention.push_back(std::move(rule));
      reg.activities.push_back(std::move(a));
    }
  }
  return reg;
}

Register require_register(Store& store) {
  std::optional<Register> reg = load_register(store);
  if (!reg)
    throw Error(ExitCode::invalid_input,
                "the store has no register yet (run 'dpo register import FILE' first)");
  return *reg;
}

std::optional<RegisterHistory> register_history(Store& store) {
  std::optional<Register> reg = load_register(store);
  if (!reg) return std::nullopt;
  // 'register import' and 'register import --from fides', in their order.
  SQLite::Statement st(db(store),
                       "SELECT at, counts FROM journal WHERE command = 'register import' "
                       "OR command LIKE 'register import %' ORDER BY id");
  std::optional<Instant> first, last;
  std::map<std::string, ActivityDates> seen;
  while (st.executeStep()) {
    Instant at = from_unix(st.getColumn(0).getInt64());
    if (!first) first = at;
    last = at;
    nlohmann::json counts = nlohmann::json::parse(st.getColumn(1).getString(), nullptr, false);
    if (!counts.is_object() || !counts.contains(kActivityIds)) continue;  // before ids were recorded
    const nlohmann::json& ids = counts[kActivityIds];
    auto each = [&](const char* what, auto&& f) {
      if (ids.contains(what))
        for (const nlohmann::json& id : ids[what])
          if (id.is_string()) f(id.get<std::string>());
    };
    // A removed activity added again is a new record: its history restarts.
    each("removed", [&](const std::string& id) { seen.erase(id); });
    each("added", [&](const std::string& id) { seen.insert_or_assign(id, ActivityDates{at, at}); });
    each("changed", [&](const std::string& id) {
      seen.try_emplace(id, ActivityDates{*first, at}).first->second.updated = at;
    });
  }
  // A store whose register came in by hand, without a journal record.
  if (!first) return std::nullopt;
  RegisterHistory out{*first, *last, {}};
  for (const Activity& a : reg->activities) {
    auto it = seen.find(a.id.str());
    out.activities.emplace(a.id, it == seen.end() ? ActivityDates{*first, *first} : it->second);
  }
  return out;
}

}  // namespace dpo::store
