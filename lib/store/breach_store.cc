#include "store/breach_store.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "base/strings.h"
#include "store/detail.h"

namespace dpo::store {

using namespace model;
using Json = nlohmann::ordered_json;

namespace {

template <class E>
std::string name(std::span<const Named<E>> table, E value) {
  return std::string(name_of(table, value));
}

template <class E>
E value(std::span<const Named<E>> table, const Json& j, E fallback) {
  if (!j.is_string()) return fallback;
  std::optional<E> e = from_name(table, j.get<std::string>());
  return e ? *e : fallback;
}

Json optional_instant(const std::optional<Instant>& t) { return t ? Json(to_unix(*t)) : Json(); }
std::optional<Instant> instant(const Json& j) {
  if (!j.is_number_integer()) return std::nullopt;
  return from_unix(j.get<long long>());
}

// The incident as stored: every field, in a fixed order, so that recording
// the same file twice compares equal.
std::string to_json(const Incident& i) {
  Json natures = Json::array(), activities = Json::array(), data = Json::array();
  for (BreachNature n : i.nature) natures.push_back(name(breach_natures(), n));
  for (const ActivityId& a : i.activities) activities.push_back(a.str());
  for (const CategoryId& c : i.data) data.push_back(c.str());
  const BreachContext& c = i.context;
  Json j{{"id", i.id},
         {"title", i.title},
         {"aware_at", to_unix(i.aware_at)},
         {"occurred_at", optional_instant(i.occurred_at)},
         {"nature", natures},
         {"cause", name(breach_causes(), i.cause)},
         {"malicious", i.malicious},
         {"activities", activities},
         {"data", data},
         {"systems", i.systems},
         {"subjects", i.subjects_estimate ? Json(*i.subjects_estimate) : Json()},
         {"records", i.records_estimate ? Json(*i.records_estimate) : Json()},
         {"data_context", i.data_context ? Json(name(data_contexts(), *i.data_context)) : Json()},
         {"context",
          {{"encryption", name(encryptions(), c.encryption)},
           {"backup", name(backup_states(), c.backup)},
           {"exfiltration", name(exfiltrations(), c.exfiltration)},
           {"recipients", name(exposures(), c.recipients)},
           {"recovered", c.recovered},
           {"identifiability", name(identifiabilities(), c.identifiability)},
           {"vulnerable_subjects", c.vulnerable_subjects}}},
         {"consequences", i.consequences},
         {"measures_taken", i.measures_taken},
         {"measures_planned", i.measures_planned},
         {"cross_border", i.cross_border},
         {"late_reasons", i.late_reasons}};
  // Only when set: the versions stored before it existed keep their bytes.
  if (c.disproportionate_effort) j["context"]["disproportionate_effort"] = true;
  if (c.unavailable_for) j["context"]["unavailable_for"] = c.unavailable_for->str();
  if (i.ended_at) j["ended_at"] = to_unix(*i.ended_at);
  if (i.ongoing) j["ongoing"] = true;
  if (!i.discovery.empty()) j["discovery"] = i.discovery;
  if (i.origin != BreachOrigin::unknown) j["origin"] = name(breach_origins(), i.origin);
  if (!i.affected_subjects.empty() || !i.affected_categories.empty() || i.collected_from || i.collected_until) {
    Json a = Json::object();
    if (!i.affected_subjects.empty()) a["subjects"] = i.affected_subjects;
    if (!i.affected_categories.empty()) a["categories"] = i.affected_categories;
    if (i.collected_from) a["collected_from"] = format_date(*i.collected_from);
    if (i.collected_until) a["collected_until"] = format_date(*i.collected_until);
    j["affected"] = a;
  }
  return j.dump();
}

Incident from_json(const std::string& text) {
  Json j = Json::parse(text);
  Incident i;
  i.id = j["id"].get<std::string>();
  i.title = j["title"].get<std::string>();
  i.aware_at = from_unix(j["aware_at"].get<long long>());
  i.occurred_at = instant(j["occurred_at"]);
  for (const Json& n : j["nature"]) i.nature.push_back(value(breach_natures(), n, BreachNature::confidentiality));
  i.cause = value(breach_causes(), j["cause"], BreachCause::other);
  i.malicious = j["malicious"].get<bool>();
  if (j.contains("ended_at")) i.ended_at = instant(j["ended_at"]);
  i.ongoing = j.value("ongoing", false);
  i.discovery = j.value("discovery", std::string());
  if (j.contains("origin")) i.origin = value(breach_origins(), j["origin"], BreachOrigin::unknown);
  for (const Json& a : j["activities"]) i.activities.emplace_back(a.get<std::string>());
  for (const Json& c : j["data"]) i.data.emplace_back(c.get<std::string>());
  i.systems = j["systems"].get<std::vector<std::string>>();
  if (j["subjects"].is_number_integer()) i.subjects_estimate = j["subjects"].get<long long>();
  if (j["records"].is_number_integer()) i.records_estimate = j["records"].get<long long>();
  if (j["data_context"].is_string()) i.data_context = value(data_contexts(), j["data_context"], DataContext::simple);
  const Json& c = j["context"];
  i.context.encryption = value(encryptions(), c["encryption"], Encryption::none);
  i.context.backup = value(backup_states(), c["backup"], BackupState::not_applicable);
  i.context.exfiltration = value(exfiltrations(), c["exfiltration"], Exfiltration::suspected);
  i.context.recipients = value(exposures(), c["recipients"], Exposure::unknown);
  i.context.recovered = c["recovered"].get<bool>();
  i.context.identifiability = value(identifiabilities(), c["identifiability"], Identifiability::significant);
  i.context.vulnerable_subjects = c["vulnerable_subjects"].get<bool>();
  i.context.disproportionate_effort = c.value("disproportionate_effort", false);
  if (j.contains("affected")) {
    const Json& a = j["affected"];
    if (a.contains("subjects")) i.affected_subjects = a["subjects"].get<std::vector<std::string>>();
    if (a.contains("categories")) i.affected_categories = a["categories"].get<std::vector<std::string>>();
    auto day = [&](const char* key) -> std::optional<Date> {
      if (!a.contains(key)) return std::nullopt;
      Parsed<Date> d = parse_stored_date(a[key].get<std::string>());
      if (!d) throw nlohmann::json::other_error::create(501, key, nullptr);
      return *d;
    };
    i.collected_from = day("collected_from");
    i.collected_until = day("collected_until");
  }
  if (c.contains("unavailable_for")) {
    Parsed<Duration> d = Duration::parse(c["unavailable_for"].get<std::string>());
    if (!d) throw nlohmann::json::other_error::create(501, "unavailable_for", nullptr);
    i.context.unavailable_for = *d;
  }
  i.consequences = j["consequences"].get<std::string>();
  i.measures_taken = j["measures_taken"].get<std::vector<std::string>>();
  i.measures_planned = j["measures_planned"].get<std::vector<std::string>>();
  i.cross_border = j["cross_border"].get<bool>();
  i.late_reasons = j.value("late_reasons", std::string());
  return i;
}

std::optional<std::int64_t> breach_id(SQLite::Database& d, const std::string& code) {
  SQLite::Statement st(d, "SELECT id FROM breach WHERE code = ?");
  st.bind(1, code);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getInt64();
}

// The incident a stored version holds: one that does not read as dpokit
// wrote it (not an object, a field missing or of another type, another id,
// an instant outside 1900-9999) is a damaged store, named by its breach and
// version, never by its content.
Incident incident_of(const std::string& code, int version, const std::string& content) {
  auto damaged = [&] {
    return Error(ExitCode::store, fmt::format("the stored breach{} (version {}) is damaged: it does not read as a "
                                              "recorded incident; restore the store from a backup",
                                              quoted_id(code), version));
  };
  try {
    Incident i = from_json(content);
    if (i.id != code || !within_years(i.aware_at) || (i.occurred_at && !within_years(*i.occurred_at))) throw damaged();
    return i;
  } catch (const nlohmann::json::exception&) {
    throw damaged();
  }
}

StoredBreach load(SQLite::Database& d, std::int64_t id) {
  StoredBreach b;
  SQLite::Statement v(d,
                      "SELECT v.version, v.recorded_at, v.content, b.code FROM breach_version v "
                      "JOIN breach b ON b.id = v.breach_id WHERE v.breach_id = ? ORDER BY v.version DESC LIMIT 1");
  v.bind(1, static_cast<int64_t>(id));
  v.executeStep();
  b.version = v.getColumn(0).getInt();
  b.recorded_at = from_unix(v.getColumn(1).getInt64());
  b.incident = incident_of(v.getColumn(3).getString(), b.version, v.getColumn(2).getString());
  SQLite::Statement n(d, "SELECT at, kind, reasons FROM breach_notification WHERE breach_id = ? ORDER BY at, id");
  n.bind(1, static_cast<int64_t>(id));
  while (n.executeStep())
    b.notifications.push_back({from_unix(n.getColumn(0).getInt64()), n.getColumn(1).getString() == "complementary",
                               text_of(n.getColumn(2))});
  SQLite::Statement c(d, "SELECT communicated_at FROM breach WHERE id = ?");
  c.bind(1, static_cast<int64_t>(id));
  if (c.executeStep()) b.communicated_at = instant_of(c.getColumn(0));
  SQLite::Statement dec(d,
                        "SELECT at, actor, notify, communicate, reason FROM breach_decision WHERE breach_id = ? "
                        "ORDER BY id DESC LIMIT 1");
  dec.bind(1, static_cast<int64_t>(id));
  if (dec.executeStep())
    b.decision = model::BreachDecision{dec.getColumn(2).getInt() != 0, dec.getColumn(3).getInt() != 0,
                                       dec.getColumn(4).getString(), from_unix(dec.getColumn(0).getInt64()),
                                       dec.getColumn(1).getString()};
  return b;
}

std::int64_t require(SQLite::Database& d, const std::string& code) {
  std::optional<std::int64_t> id = breach_id(d, code);
  if (!id) throw Error(ExitCode::invalid_input, "no breach" + quoted_id(code) + " in the register");
  return *id;
}

// The affected holdings: activity and category in the incident's lists, the
// system too when it names systems.
const char* const kAffected =
    "FROM holding h JOIN activity a ON a.id = h.activity_id JOIN data_category c ON c.id = h.category_id "
    "WHERE h.anonymised_at IS NULL AND a.code IN (SELECT value FROM json_each(:activities)) "
    "AND c.code IN (SELECT value FROM json_each(:data)) "
    "AND (json_array_length(:systems) = 0 OR h.system IN (SELECT value FROM json_each(:systems))) "
    "AND (json_array_length(:keys) = 0 OR h.subject_id IN "
    "(SELECT id FROM subject WHERE key IN (SELECT value FROM json_each(:keys)))) "
    "AND (:from IS NULL OR h.collected_at >= :from) AND (:until IS NULL OR h.collected_at < :until)";

void bind_affected(SQLite::Statement& st, const Incident& i, const Zone& zone) {
  Json activities = Json::array(), data = Json::array();
  for (const ActivityId& a : i.activities) activities.push_back(a.str());
  for (const CategoryId& c : i.data) data.push_back(c.str());
  st.bind(":activities", activities.dump());
  st.bind(":data", data.dump());
  st.bind(":systems", Json(i.systems).dump());
  st.bind(":keys", Json(i.affected_subjects).dump());
  if (i.collected_from) st.bind(":from", static_cast<int64_t>(to_unix(start_of_day(*i.collected_from, zone))));
  if (i.collected_until)
    st.bind(":until", static_cast<int64_t>(to_unix(start_of_day(
                          date::year_month_day(date::sys_days(*i.collected_until) + date::days(1)), zone))));
}

}  // namespace

Recorded record_breach(Store& store, const Incident& incident, Instant now) {
  SQLite::Database& d = db(store);
  std::string content = to_json(incident);
  std::optional<std::int64_t> id = breach_id(d, incident.id);
  if (id) {
    SQLite::Statement last(d,
                           "SELECT version, content FROM breach_version WHERE breach_id = ? "
                           "ORDER BY version DESC LIMIT 1");
    last.bind(1, static_cast<int64_t>(*id));
    last.executeStep();
    if (last.getColumn(1).getString() == content) return Recorded::unchanged;
    int version = last.getColumn(0).getInt() + 1;
    last.reset();
    SQLite::Statement add(d, "INSERT INTO breach_version (breach_id, version, recorded_at, content) VALUES (?, ?, ?, ?)");
    add.bind(1, static_cast<int64_t>(*id));
    add.bind(2, version);
    add.bind(3, static_cast<int64_t>(to_unix(now)));
    add.bind(4, content);
    add.exec();
    return Recorded::updated;
  }
  SQLite::Statement b(d, "INSERT INTO breach (code) VALUES (?)");
  b.bind(1, incident.id);
  b.exec();
  SQLite::Statement add(d, "INSERT INTO breach_version (breach_id, version, recorded_at, content) VALUES (?, 1, ?, ?)");
  add.bind(1, static_cast<int64_t>(d.getLastInsertRowid()));
  add.bind(2, static_cast<int64_t>(to_unix(now)));
  add.bind(3, content);
  add.exec();
  return Recorded::added;
}

std::optional<StoredBreach> find_breach(Store& store, const std::string& code) {
  SQLite::Database& d = db(store);
  std::optional<std::int64_t> id = breach_id(d, code);
  if (!id) return std::nullopt;
  return load(d, *id);
}

void for_each_breach(Store& store, const std::function<void(const StoredBreach&)>& each) {
  SQLite::Database& d = db(store);
  // The awareness instant is in the latest version's content.
  SQLite::Statement st(d,
                       "SELECT b.id FROM breach b JOIN breach_version v ON v.breach_id = b.id AND v.version = "
                       "(SELECT max(version) FROM breach_version WHERE breach_id = b.id) "
                       "ORDER BY CASE WHEN json_valid(v.content) THEN json_extract(v.content, '$.aware_at') END, "
                       "b.code");
  while (st.executeStep()) each(load(d, st.getColumn(0).getInt64()));
}

void add_notification(Store& store, const std::string& code, const Notification& n) {
  SQLite::Database& d = db(store);
  SQLite::Statement st(d, "INSERT INTO breach_notification (breach_id, at, kind, reasons) VALUES (?, ?, ?, ?)");
  st.bind(1, static_cast<int64_t>(require(d, code)));
  st.bind(2, static_cast<int64_t>(to_unix(n.at)));
  st.bind(3, n.complementary ? "complementary" : "initial");
  bind_text(st, 4, n.reasons);
  st.exec();
}

void set_communicated(Store& store, const std::string& code, Instant at) {
  SQLite::Database& d = db(store);
  SQLite::Statement st(d, "UPDATE breach SET communicated_at = ? WHERE id = ?");
  st.bind(1, static_cast<int64_t>(to_unix(at)));
  st.bind(2, static_cast<int64_t>(require(d, code)));
  st.exec();
}

void add_decision(Store& store, const std::string& code, const model::BreachDecision& decision) {
  SQLite::Database& d = db(store);
  SQLite::Statement st(d,
                       "INSERT INTO breach_decision (breach_id, at, actor, notify, communicate, reason) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, static_cast<int64_t>(require(d, code)));
  st.bind(2, static_cast<int64_t>(to_unix(decision.at)));
  st.bind(3, decision.actor);
  st.bind(4, decision.notify ? 1 : 0);
  st.bind(5, decision.communicate ? 1 : 0);
  st.bind(6, decision.reason);
  st.exec();
}

std::vector<std::string> affected_activities(Store& store, const Incident& incident) {
  SQLite::Statement st(db(store), std::string("SELECT a.code FROM activity a WHERE a.id IN (SELECT h.activity_id ") +
                                      kAffected + ") ORDER BY a.position");
  bind_affected(st, incident, store.zone());
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::vector<std::string> unknown_subjects(Store& store, const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  SQLite::Statement st(db(store), "SELECT value FROM json_each(?) WHERE value NOT IN (SELECT key FROM subject)");
  st.bind(1, Json(keys).dump());
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

Affected count_affected(Store& store, const Incident& incident) {
  SQLite::Statement st(db(store), std::string("SELECT count(DISTINCT h.subject_id), count(*) ") + kAffected);
  bind_affected(st, incident, store.zone());
  st.executeStep();
  return {st.getColumn(0).getInt64(), st.getColumn(1).getInt64()};
}

void for_each_affected_contact(Store& store, const Incident& incident,
                               const std::function<void(const std::string&, const std::string&,
                                                        const std::string&)>& each) {
  SQLite::Statement st(db(store),
                       std::string("SELECT s.key, "
                                   "(SELECT min(value) FROM identifier WHERE subject_id = s.id AND kind = 'email'), "
                                   "(SELECT min(value) FROM identifier WHERE subject_id = s.id AND kind = 'phone') "
                                   "FROM subject s WHERE s.id IN (SELECT h.subject_id ") +
                           kAffected + ") ORDER BY s.key");
  bind_affected(st, incident, store.zone());
  while (st.executeStep())
    each(st.getColumn(0).getString(), text_of(st.getColumn(1)), text_of(st.getColumn(2)));
}

}  // namespace dpo::store
