#include "store/subject_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "base/crypto.h"
#include "base/strings.h"
#include "l10n/phone.h"
#include "store/detail.h"

namespace dpo::store {

std::string journal_counts(const SubjectCounts& c) {
  using Json = nlohmann::ordered_json;
  Json counts{{"records", c.records},
              {"subjects", {{"added", c.subjects_added}, {"changed", c.subjects_changed}}},
              {"identifiers", {{"added", c.identifiers_added}}},
              {"engagements", {{"added", c.engagements_added}, {"changed", c.engagements_changed}}},
              {"holdings", {{"added", c.holdings_added}, {"changed", c.holdings_changed}}}};
  if (c.identifiers_shared) counts["identifiers"]["shared"] = c.identifiers_shared;
  if (c.suppressed) counts["suppressed"] = c.suppressed;
  if (c.restored) counts["restored"] = c.restored;
  return counts.dump();
}

using namespace model;

namespace {

std::map<std::string, std::int64_t> codes(SQLite::Database& db, const char* table) {
  std::map<std::string, std::int64_t> out;
  SQLite::Statement st(db, std::string("SELECT code, id FROM ") + table);
  while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
  return out;
}

constexpr std::size_t kDigestBytes = 16;

// A postal address as the store keeps it: its lines joined by a line feed
// (schemas/store.sql, version 32).
std::string stored_address(const std::vector<std::string>& lines) { return join(lines, "\n"); }
std::vector<std::string> address_lines(const std::string& stored) {
  return stored.empty() ? std::vector<std::string>{} : split(stored, '\n');
}

}  // namespace

struct SubjectWriter::Impl {
  SQLite::Database& db;
  Hmac hmac;
  std::map<std::string, std::int64_t> activity_ids;
  std::map<std::string, std::int64_t> category_ids;
  SubjectCounts counts;

  SQLite::Statement select_subject{
      db, "SELECT id, birth_date, cpf_funded, legal_hold, name, postal_address, civility FROM subject WHERE key = ?"};
  SQLite::Statement insert_subject{db,
                                   "INSERT INTO subject (key, birth_date, cpf_funded, legal_hold, name, "
                                   "postal_address, civility) VALUES (?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement update_subject{db,
                                   "UPDATE subject SET birth_date = ?, cpf_funded = ?, legal_hold = ?, name = ?, "
                                   "postal_address = ?, civility = ? WHERE id = ?"};
  SQLite::Statement select_identifier{db, "SELECT subject_id FROM identifier WHERE kind = ? AND value = ?"};
  SQLite::Statement insert_identifier{db, "INSERT INTO identifier (kind, value, subject_id) VALUES (?, ?, ?)"};
  SQLite::Statement select_engagement{
      db, "SELECT started, ended, last_contact FROM engagement WHERE subject_id = ? AND activity_id = ?"};
  SQLite::Statement insert_engagement{
      db, "INSERT INTO engagement (subject_id, activity_id, started, ended, last_contact) VALUES (?, ?, ?, ?, ?)"};
  SQLite::Statement update_engagement{
      db, "UPDATE engagement SET started = ?, ended = ?, last_contact = ? WHERE subject_id = ? AND activity_id = ?"};
  SQLite::Statement select_holding{db, "SELECT id, collected_at FROM holding WHERE subject_id = ? AND digest = ?"};
  SQLite::Statement insert_holding{db,
                                   "INSERT INTO holding (subject_id, activity_id, category_id, system, collected_at, "
                                   "value, ref, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement update_holding{db, "UPDATE holding SET collected_at = ? WHERE id = ?"};
  SQLite::Statement insert_new_holding{db,
                                       "INSERT INTO holding (subject_id, activity_id, category_id, system, "
                                       "collected_at, value, ref, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                       "ON CONFLICT (subject_id, digest) DO NOTHING"};

  // A subject this record created has nothing stored yet: its engagements and
  // holdings go straight in, without looking for what cannot be there.
  bool fresh = false;
  std::vector<std::int64_t> fresh_activities;

  explicit Impl(Store& store)
      : db(store::db(store)),
        hmac(store.secret()),
        activity_ids(codes(db, "activity")),
        category_ids(codes(db, "data_category")) {}

  // Which subject a stored identifier belongs to, if any.
  std::optional<std::int64_t> owner(const Identifier& id) {
    select_identifier.reset();
    select_identifier.bind(1, id.kind);
    select_identifier.bind(2, id.value);
    if (!select_identifier.executeStep()) return std::nullopt;
    return select_identifier.getColumn(0).getInt64();
  }

  // The subject's columns as the store keeps them, after `s` is merged
  // into `stored` (the columns it gives replace theirs).
  struct Columns {
    std::string birth;
    bool cpf = false, hold = false;
    std::string name, address, civility;
    bool operator==(const Columns&) const = default;
  };

  static Columns merged(const Subject& s, Columns stored) {
    if (s.birth_date) stored.birth = format_date(*s.birth_date);
    stored.cpf = s.cpf_funded.value_or(stored.cpf);
    stored.hold = s.legal_hold.value_or(stored.hold);
    if (s.name) stored.name = *s.name;
    if (s.postal_address) stored.address = stored_address(*s.postal_address);
    if (s.civility) stored.civility = name_of(civilities(), *s.civility);
    return stored;
  }

  // Binds the columns from `first` on, in the order of insert_subject and update_subject.
  static void bind_columns(SQLite::Statement& st, int first, const Columns& c) {
    bind_text(st, first, c.birth);
    st.bind(first + 1, c.cpf ? 1 : 0);
    st.bind(first + 2, c.hold ? 1 : 0);
    bind_text(st, first + 3, c.name);
    bind_text(st, first + 4, c.address);
    bind_text(st, first + 5, c.civility);
  }

  std::int64_t upsert_subject(const Subject& s, std::optional<std::int64_t> existing_id) {
    select_subject.reset();
    if (!existing_id) {
      insert_subject.reset();
      insert_subject.bind(1, s.key.str());
      bind_columns(insert_subject, 2, merged(s, {}));
      insert_subject.exec();
      ++counts.subjects_added;
      return db.getLastInsertRowid();
    }
    select_subject.bind(1, s.key.str());
    select_subject.executeStep();
    Columns stored{text_of(select_subject.getColumn(1)), select_subject.getColumn(2).getInt() != 0,
                   select_subject.getColumn(3).getInt() != 0,   text_of(select_subject.getColumn(4)),
                   text_of(select_subject.getColumn(5)),        text_of(select_subject.getColumn(6))};
    select_subject.reset();
    Columns now = merged(s, stored);
    if (now != stored) {
      update_subject.reset();
      bind_columns(update_subject, 1, now);
      update_subject.bind(7, static_cast<int64_t>(*existing_id));
      update_subject.exec();
      ++counts.subjects_changed;
    }
    return *existing_id;
  }

  std::optional<std::int64_t> find_subject_id(const SubjectKey& key) {
    select_subject.reset();
    select_subject.bind(1, key.str());
    std::optional<std::int64_t> id;
    if (select_subject.executeStep()) id = select_subject.getColumn(0).getInt64();
    select_subject.reset();
    return id;
  }

  void add_engagement(std::int64_t subject_id, std::int64_t activity_id, const Engagement* e) {
    insert_engagement.reset();
    insert_engagement.bind(1, static_cast<int64_t>(subject_id));
    insert_engagement.bind(2, static_cast<int64_t>(activity_id));
    bind_instant(insert_engagement, 3, e ? e->started : std::nullopt);
    bind_instant(insert_engagement, 4, e ? e->ended : std::nullopt);
    bind_instant(insert_engagement, 5, e ? e->last_contact : std::nullopt);
    insert_engagement.exec();
    ++counts.engagements_added;
  }

  // Sets what `e` gives on the (subject, activity) engagement, creating it if needed.
  void merge_engagement(std::int64_t subject_id, std::int64_t activity_id, const Engagement* e) {
    if (fresh && std::find(fresh_activities.begin(), fresh_activities.end(), activity_id) == fresh_activities.end()) {
      fresh_activities.push_back(activity_id);
      add_engagement(subject_id, activity_id, e);
      return;
    }
    select_engagement.reset();
    select_engagement.bind(1, static_cast<int64_t>(subject_id));
    select_engagement.bind(2, static_cast<int64_t>(activity_id));
    if (!select_engagement.executeStep()) {
      select_engagement.reset();
      add_engagement(subject_id, activity_id, e);
      return;
    }
    std::optional<Instant> started = instant_of(select_engagement.getColumn(0));
    std::optional<Instant> ended = instant_of(select_engagement.getColumn(1));
    std::optional<Instant> last = instant_of(select_engagement.getColumn(2));
    select_engagement.reset();
    if (!e) return;
    std::optional<Instant> new_started = e->started ? e->started : started;
    std::optional<Instant> new_ended = e->ended ? e->ended : ended;
    std::optional<Instant> new_last = e->last_contact ? e->last_contact : last;
    if (new_started == started && new_ended == ended && new_last == last) return;
    update_engagement.reset();
    bind_instant(update_engagement, 1, new_started);
    bind_instant(update_engagement, 2, new_ended);
    bind_instant(update_engagement, 3, new_last);
    update_engagement.bind(4, static_cast<int64_t>(subject_id));
    update_engagement.bind(5, static_cast<int64_t>(activity_id));
    update_engagement.exec();
    ++counts.engagements_changed;
  }

  Sha256 digest_of(const Holding& h) {
    std::string material = h.activity.str() + '\x1f' + h.category.str() + '\x1f' + h.system + '\x1f' +
                           (h.ref.empty() ? "v\x1f" + h.value : "r\x1f" + h.ref);
    return hmac(material);
  }

  void bind_holding(SQLite::Statement& st, std::int64_t subject_id, std::int64_t activity_id, const Holding& h,
                    const Sha256& digest) {
    st.reset();
    st.bind(1, static_cast<int64_t>(subject_id));
    st.bind(2, static_cast<int64_t>(activity_id));
    st.bind(3, static_cast<int64_t>(category_ids.at(h.category.str())));
    st.bind(4, h.system);
    st.bind(5, static_cast<int64_t>(to_unix(h.collected)));
    bind_text(st, 6, h.value);
    bind_text(st, 7, h.ref);
    st.bind(8, digest.data(), static_cast<int>(kDigestBytes));
  }

  void write_holding(std::int64_t subject_id, const Holding& h) {
    std::int64_t activity_id = activity_ids.at(h.activity.str());
    merge_engagement(subject_id, activity_id, nullptr);
    Sha256 digest = digest_of(h);
    if (fresh) {
      bind_holding(insert_new_holding, subject_id, activity_id, h, digest);
      if (insert_new_holding.exec() > 0) ++counts.holdings_added;  // 0: the same holding twice in one record
      return;
    }
    select_holding.reset();
    select_holding.bind(1, static_cast<int64_t>(subject_id));
    select_holding.bind(2, digest.data(), static_cast<int>(kDigestBytes));
    if (select_holding.executeStep()) {
      std::int64_t id = select_holding.getColumn(0).getInt64();
      std::int64_t collected = select_holding.getColumn(1).getInt64();
      select_holding.reset();
      if (collected == to_unix(h.collected)) return;
      update_holding.reset();
      update_holding.bind(1, static_cast<int64_t>(to_unix(h.collected)));
      update_holding.bind(2, static_cast<int64_t>(id));
      update_holding.exec();
      ++counts.holdings_changed;
      return;
    }
    select_holding.reset();
    bind_holding(insert_holding, subject_id, activity_id, h, digest);
    insert_holding.exec();
    ++counts.holdings_added;
  }
};

// The suppression list (schema version 12): an erasure request's keyed
// hashes of the person's key and "kind:value" identifiers, read only when
// the list is not empty.
namespace {

// The keyed hashes a suppression listing holds for a person: of their key
// and of each "kind:value" identifier as the store keeps it (normalised).
// A phone number also gives the forms stores kept numbers in before schema
// 28, so that a listing made then still matches it.
std::vector<Sha256> suppression_macs(const Hmac& hmac, const SubjectKey& key, const std::vector<Identifier>& ids,
                                     std::string_view region) {
  std::vector<Sha256> out{hmac(key.str())};
  for (const Identifier& i : ids) {
    if (i.kind != "phone") {
      out.push_back(hmac(i.kind + ":" + i.value));
      continue;
    }
    for (const std::string& form : l10n::phone_legacy_forms(i.value, region)) out.push_back(hmac("phone:" + form));
  }
  return out;
}

}  // namespace

struct SubjectWriter::Suppression {
  explicit Suppression(Store& store)
      : db(store::db(store)),
        listed(db.execAndGet("SELECT EXISTS (SELECT 1 FROM suppression WHERE reason = 'erasure')").getInt() != 0),
        hmac(store.secret()),
        region(controller_country(db)) {}
  SQLite::Database& db;
  bool listed;
  Hmac hmac;
  std::string region;
  SQLite::Statement find{db, "SELECT 1 FROM suppression WHERE mac = ? AND until > ? AND reason = 'erasure'"};
  SQLite::Statement lift{db, "DELETE FROM suppression WHERE mac = ? AND reason = 'erasure'"};

  std::vector<Sha256> macs(const Subject& s) const { return suppression_macs(hmac, s.key, s.identifiers, region); }
};

SubjectWriter::SubjectWriter(Store& store, const Register&)
    : impl_(std::make_unique<Impl>(store)), suppression_(std::make_unique<Suppression>(store)) {}

bool SubjectWriter::suppressed(const Subject& s, Instant now) {
  Suppression& list = *suppression_;
  if (!list.listed) return false;
  for (const Sha256& mac : list.macs(s)) {
    list.find.reset();
    list.find.bind(1, mac.data(), static_cast<int>(mac.size()));
    list.find.bind(2, static_cast<int64_t>(to_unix(now)));
    if (list.find.executeStep()) {
      list.find.reset();
      return true;
    }
  }
  return false;
}

void SubjectWriter::skip_suppressed() {
  ++impl_->counts.records;
  ++impl_->counts.suppressed;
}

void SubjectWriter::lift_suppression(const Subject& s) {
  Suppression& list = *suppression_;
  if (!list.listed) return;
  ++impl_->counts.restored;
  for (const Sha256& mac : list.macs(s)) {
    list.lift.reset();
    list.lift.bind(1, mac.data(), static_cast<int>(mac.size()));
    list.lift.exec();
  }
}
SubjectWriter::~SubjectWriter() = default;

const SubjectCounts& SubjectWriter::counts() const { return impl_->counts; }

std::vector<std::string> SubjectWriter::write(const Subject& s, OnConflict on_conflict) {
  Impl& w = *impl_;
  ++w.counts.records;
  std::optional<std::int64_t> id = w.find_subject_id(s.key);
  // Identifiers first: a record claiming another subject's email changes
  // nothing, or everything but that, as asked.
  std::vector<const Identifier*> fresh;
  std::vector<std::string> taken;
  for (const Identifier& identifier : s.identifiers) {
    std::optional<std::int64_t> owner = w.owner(identifier);
    if (owner && owner != id) {
      taken.push_back(identifier.kind);
      continue;
    }
    if (!owner && std::find_if(fresh.begin(), fresh.end(), [&](const Identifier* f) { return *f == identifier; }) ==
                      fresh.end())
      fresh.push_back(&identifier);
  }
  if (!taken.empty() && on_conflict == OnConflict::fail) return taken;
  w.counts.identifiers_shared += static_cast<long long>(taken.size());
  std::int64_t subject_id = w.upsert_subject(s, id);
  w.fresh = !id;
  w.fresh_activities.clear();
  for (const Identifier* identifier : fresh) {
    w.insert_identifier.reset();
    w.insert_identifier.bind(1, identifier->kind);
    w.insert_identifier.bind(2, identifier->value);
    w.insert_identifier.bind(3, static_cast<int64_t>(subject_id));
    w.insert_identifier.exec();
    ++w.counts.identifiers_added;
  }
  for (const Engagement& e : s.engagements) w.merge_engagement(subject_id, w.activity_ids.at(e.activity.str()), &e);
  for (const Holding& h : s.holdings) w.write_holding(subject_id, h);
  return taken;
}

std::optional<SubjectView> find_subject(Store& store, const SubjectKey& key) {
  SQLite::Database& d = db(store);
  SQLite::Statement st(
      d, "SELECT id, birth_date, cpf_funded, legal_hold, name, postal_address, civility FROM subject WHERE key = ?");
  st.bind(1, key.str());
  if (!st.executeStep()) return std::nullopt;
  SubjectView view;
  std::int64_t id = st.getColumn(0).getInt64();
  view.key = key;
  if (!st.getColumn(1).isNull()) {
    Parsed<Date> birth = parse_stored_date(st.getColumn(1).getString());
    if (birth) view.birth_date = *birth;
  }
  view.cpf_funded = st.getColumn(2).getInt() != 0;
  view.legal_hold = st.getColumn(3).getInt() != 0;
  view.addressee.name = text_of(st.getColumn(4));
  view.addressee.postal_address = address_lines(text_of(st.getColumn(5)));
  view.addressee.civility = from_name(civilities(), text_of(st.getColumn(6)));

  SQLite::Statement holds(d,
                          "SELECT id, activity, category, reason, since, until FROM legal_hold "
                          "WHERE subject_id = ? AND released_at IS NULL ORDER BY since, id");
  holds.bind(1, static_cast<int64_t>(id));
  while (holds.executeStep()) {
    model::LegalHold hold;
    hold.id = holds.getColumn(0).getInt64();
    if (!holds.getColumn(1).isNull()) hold.activity = ActivityId(holds.getColumn(1).getString());
    if (!holds.getColumn(2).isNull()) hold.category = CategoryId(holds.getColumn(2).getString());
    hold.reason = holds.getColumn(3).getString();
    hold.since = from_unix(holds.getColumn(4).getInt64());
    hold.until = instant_of(holds.getColumn(5));
    view.holds.push_back(std::move(hold));
  }

  SQLite::Statement ids(d, "SELECT kind, value FROM identifier WHERE subject_id = ? ORDER BY kind, value");
  ids.bind(1, static_cast<int64_t>(id));
  while (ids.executeStep()) view.identifiers.push_back({ids.getColumn(0).getString(), ids.getColumn(1).getString()});

  SQLite::Statement es(d,
                       "SELECT a.code, e.started, e.ended, e.last_contact FROM engagement e "
                       "JOIN activity a ON a.id = e.activity_id WHERE e.subject_id = ? ORDER BY a.position");
  es.bind(1, static_cast<int64_t>(id));
  while (es.executeStep())
    view.engagements.push_back({ActivityId(es.getColumn(0).getString()), instant_of(es.getColumn(1)),
                                instant_of(es.getColumn(2)), instant_of(es.getColumn(3))});

  SQLite::Statement hs(d,
                       "SELECT a.code, c.code, h.system, h.collected_at, h.value, h.ref, h.id, h.archived_at "
                       "FROM holding h JOIN activity a ON a.id = h.activity_id "
                       "JOIN data_category c ON c.id = h.category_id "
                       "WHERE h.subject_id = ? ORDER BY a.position, c.position, h.collected_at, h.id");
  hs.bind(1, static_cast<int64_t>(id));
  while (hs.executeStep())
    view.holdings.push_back({ActivityId(hs.getColumn(0).getString()), CategoryId(hs.getColumn(1).getString()),
                             hs.getColumn(2).getString(), from_unix(hs.getColumn(3).getInt64()),
                             text_of(hs.getColumn(4)), text_of(hs.getColumn(5)), hs.getColumn(6).getInt64(),
                             instant_of(hs.getColumn(7))});
  return view;
}

std::int64_t add_hold(Store& store, const SubjectKey& key, const model::LegalHold& hold) {
  SQLite::Statement st(db(store),
                       "INSERT INTO legal_hold (subject_id, activity, category, reason, since, until) "
                       "SELECT id, ?, ?, ?, ?, ? FROM subject WHERE key = ?");
  if (hold.activity) st.bind(1, hold.activity->str());
  if (hold.category) st.bind(2, hold.category->str());
  st.bind(3, hold.reason);
  st.bind(4, static_cast<int64_t>(to_unix(hold.since)));
  if (hold.until) st.bind(5, static_cast<int64_t>(to_unix(*hold.until)));
  st.bind(6, key.str());
  st.exec();
  return db(store).getLastInsertRowid();
}

bool release_hold(Store& store, std::int64_t id, Instant at, const std::string& reason) {
  SQLite::Statement st(db(store),
                       "UPDATE legal_hold SET released_at = ?, release_reason = ? WHERE id = ? AND released_at IS NULL");
  st.bind(1, static_cast<int64_t>(to_unix(at)));
  st.bind(2, reason);
  st.bind(3, static_cast<int64_t>(id));
  return st.exec() == 1;
}

namespace {

// The identifiers the store holds for the subject with a key, read with a
// statement of kStoredIdentifiers.
constexpr const char* kStoredIdentifiers =
    "SELECT i.kind, i.value FROM identifier i JOIN subject s ON s.id = i.subject_id WHERE s.key = ? "
    "ORDER BY i.kind, i.value";

std::vector<Identifier> stored_identifiers(SQLite::Statement& read, const SubjectKey& key) {
  read.reset();
  read.bind(1, key.str());
  std::vector<Identifier> ids;
  while (read.executeStep()) ids.push_back({read.getColumn(0).getString(), read.getColumn(1).getString()});
  return ids;
}

std::string purpose_array(const std::vector<PurposeId>& purposes) {
  nlohmann::json list = nlohmann::json::array();
  for (const PurposeId& p : purposes) list.push_back(p.str());
  return list.dump();
}

}  // namespace

long long list_objection(Store& store, const SubjectKey& key, const std::vector<PurposeId>& purposes, Instant since,
                         Instant until) {
  SQLite::Statement read(db(store), kStoredIdentifiers);
  std::vector<Sha256> macs =
      suppression_macs(Hmac(store.secret()), key, stored_identifiers(read, key), controller_country(db(store)));
  // An erasure's listing stays what it is; an earlier objection's is
  // renewed, with the purposes of both (NULL, every purpose, stays so).
  SQLite::Statement st(db(store),
                       "INSERT INTO suppression (mac, since, until, reason, purposes) VALUES (?, ?, ?, 'objection', ?) "
                       "ON CONFLICT (mac) DO UPDATE SET since = excluded.since, until = excluded.until, "
                       "purposes = CASE WHEN suppression.until <= excluded.since THEN excluded.purposes "
                       "WHEN suppression.purposes IS NULL THEN NULL "
                       "ELSE (SELECT json_group_array(value) FROM (SELECT value FROM json_each(suppression.purposes) "
                       "UNION SELECT value FROM json_each(excluded.purposes) ORDER BY value)) END "
                       "WHERE reason = 'objection'");
  long long listed = 0;
  for (const Sha256& mac : macs) {
    st.reset();
    st.bind(1, mac.data(), static_cast<int>(mac.size()));
    st.bind(2, static_cast<int64_t>(to_unix(since)));
    st.bind(3, static_cast<int64_t>(to_unix(until)));
    st.bind(4, purpose_array(purposes));
    listed += st.exec();
  }
  return listed;
}

struct Objections::Impl {
  Impl(Store& s, Instant n)
      : store(s),
        now(n),
        listed(db(s).execAndGet("SELECT EXISTS (SELECT 1 FROM suppression WHERE reason = 'objection')").getInt() != 0),
        hmac(s.secret()),
        region(controller_country(db(s))) {}
  Store& store;
  Instant now;
  bool listed;
  Hmac hmac;
  std::string region;
  // Prepared once, when the list holds an objection: imports ask for each
  // record.
  struct Statements {
    explicit Statements(SQLite::Database& db)
        : find(db, "SELECT purposes, since FROM suppression WHERE mac = ? AND reason = 'objection' AND until > ?"),
          identifiers(db, kStoredIdentifiers) {}
    SQLite::Statement find, identifiers;
  };
  std::optional<Statements> st;
  Statements& statements() {
    if (!st) st.emplace(db(store));
    return *st;
  }
  std::vector<Identifier> stored_identifiers(const SubjectKey& key) {
    return store::stored_identifiers(statements().identifiers, key);
  }
};

Objections::Objections(Store& store, Instant now) : impl_(std::make_unique<Impl>(store, now)) {}
Objections::~Objections() = default;

std::optional<Objection> Objections::of(const SubjectKey& key, const std::vector<Identifier>& ids) {
  Impl& o = *impl_;
  if (!o.listed) return std::nullopt;
  SQLite::Statement& find = o.statements().find;
  std::optional<Objection> out;
  for (const Sha256& mac : suppression_macs(o.hmac, key, ids, o.region)) {
    find.reset();
    find.bind(1, mac.data(), static_cast<int>(mac.size()));
    find.bind(2, static_cast<int64_t>(to_unix(o.now)));
    if (!find.executeStep()) continue;
    if (!out) out.emplace();
    out->since = std::max(out->since, from_unix(find.getColumn(1).getInt64()));
    if (find.getColumn(0).isNull()) {
      out->every = true;
      continue;
    }
    for (const auto& p : nlohmann::json::parse(find.getColumn(0).getString())) {
      PurposeId id(p.get<std::string>());
      if (std::find(out->purposes.begin(), out->purposes.end(), id) == out->purposes.end()) out->purposes.push_back(id);
    }
  }
  return out;
}

std::optional<Objection> Objections::of_stored(const SubjectKey& key) {
  if (!impl_->listed) return std::nullopt;
  return of(key, impl_->stored_identifiers(key));
}

void Objections::lift(const SubjectKey& key, const std::vector<Identifier>& ids, const std::optional<PurposeId>& purpose) {
  Impl& o = *impl_;
  if (!o.listed) return;
  SQLite::Statement narrow(db(o.store),
                           "UPDATE suppression SET purposes = (SELECT json_group_array(value) FROM "
                           "json_each(suppression.purposes) WHERE value <> ?) "
                           "WHERE mac = ? AND reason = 'objection' AND purposes IS NOT NULL");
  SQLite::Statement drop(db(o.store), "DELETE FROM suppression WHERE mac = ? AND reason = 'objection' AND (? OR "
                                      "purposes IS NULL OR json_array_length(purposes) = 0)");
  for (const Sha256& mac : suppression_macs(o.hmac, key, ids, o.region)) {
    if (purpose) {
      narrow.reset();
      narrow.bind(1, purpose->str());
      narrow.bind(2, mac.data(), static_cast<int>(mac.size()));
      narrow.exec();
    }
    drop.reset();
    drop.bind(1, mac.data(), static_cast<int>(mac.size()));
    drop.bind(2, purpose ? 0 : 1);
    drop.exec();
  }
}

void Objections::lift_stored(const SubjectKey& key, const std::optional<PurposeId>& purpose) {
  if (!impl_->listed) return;
  lift(key, impl_->stored_identifiers(key), purpose);
}

bool has_subject(Store& store, const SubjectKey& key) {
  SQLite::Statement st(db(store), "SELECT 1 FROM subject WHERE key = ?");
  st.bind(1, key.str());
  return st.executeStep();
}

std::optional<SubjectKey> find_by_identifier(Store& store, const std::string& kind, const std::string& value) {
  std::optional<std::string> normal = normalise_identifier(kind, value, controller_country(db(store)));
  // A number the upgrade to schema 28 could not read is kept as it was then:
  // its digits and a leading '+'.
  std::string legacy = kind == "phone" ? l10n::phone_digits(value) : std::string();
  SQLite::Statement st(db(store),
                       "SELECT s.key FROM identifier i JOIN subject s ON s.id = i.subject_id "
                       "WHERE i.kind = ? AND i.value IN (?, ?) ORDER BY i.value = ? DESC LIMIT 1");
  st.bind(1, kind);
  st.bind(2, normal ? *normal : legacy);
  st.bind(3, legacy);
  st.bind(4, normal ? *normal : legacy);
  if (st.executeStep()) return SubjectKey(st.getColumn(0).getString());
  if (!normal) {
    std::string region = controller_country(db(store));
    throw Error(ExitCode::invalid_input,
                "the phone number sought is not a valid number (one without its country code is read as " +
                    (region.empty() ? std::string("nowhere's") : region + "'s") +
                    "); write it whole, like +33 6 12 34 56 78");
  }
  return std::nullopt;
}

}  // namespace dpo::store
