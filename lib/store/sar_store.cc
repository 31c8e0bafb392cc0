#include "store/sar_store.h"

#include "base/crypto.h"
#include "store/detail.h"

namespace dpo::store {

using namespace model;

namespace {

constexpr const char* kColumns =
    "r.id, s.key, r.type, r.received_at, r.due, r.extended_at, r.extension_reason, r.closed_at, r.outcome, r.note, "
    "r.requester_kind, r.requester, r.refused";

SubjectRequest read(SQLite::Statement& st) {
  SubjectRequest r;
  r.id = st.getColumn(0).getInt64();
  if (!st.getColumn(1).isNull()) r.subject = SubjectKey(st.getColumn(1).getString());
  r.type = *from_name(request_types(), st.getColumn(2).getString());
  r.received = from_unix(st.getColumn(3).getInt64());
  // A due date past 9999 (written by an older dpokit) reads as the last day
  // dpokit knows: the request stays listed and can be closed.
  Parsed<Date> due = parse_stored_date(st.getColumn(4).getString());
  r.due = due ? *due : Date{date::year{kLastYear} / 12 / 31};
  r.extended_at = instant_of(st.getColumn(5));
  r.extension_reason = text_of(st.getColumn(6));
  r.closed_at = instant_of(st.getColumn(7));
  r.outcome = text_of(st.getColumn(8));
  r.note = text_of(st.getColumn(9));
  if (!st.getColumn(10).isNull()) r.requester = Identifier{st.getColumn(10).getString(), st.getColumn(11).getString()};
  r.refused = st.getColumn(12).getInt() != 0;
  return r;
}

}  // namespace

std::int64_t add_request(Store& store, const SubjectRequest& request) {
  SQLite::Database& d = db(store);
  // Someone the store does not know is kept under the contact they gave.
  std::string hashed = request.subject ? request.subject->str()
                                       : request.requester->kind + ":" + request.requester->value;
  Sha256 mac = hmac_sha256(store.secret(), hashed);
  SQLite::Statement st(d,
                       "INSERT INTO subject_request (subject_id, subject_hmac, type, received_at, due, note, "
                       "requester_kind, requester) SELECT s.id, ?, ?, ?, ?, ?, ?, ? FROM (SELECT 1) "
                       "LEFT JOIN subject s ON s.key = ? WHERE ? IS NULL OR s.id IS NOT NULL");
  st.bind(1, mac.data(), static_cast<int>(mac.size()));
  st.bind(2, std::string(name_of(request_types(), request.type)));
  st.bind(3, static_cast<int64_t>(to_unix(request.received)));
  st.bind(4, format_date(request.due));
  bind_text(st, 5, request.note);
  bind_text(st, 6, request.requester ? request.requester->kind : std::string());
  bind_text(st, 7, request.requester ? request.requester->value : std::string());
  bind_text(st, 8, request.subject ? request.subject->str() : std::string());
  bind_text(st, 9, request.subject ? request.subject->str() : std::string());
  if (st.exec() != 1) throw Error(ExitCode::invalid_input, "no such subject");
  return d.getLastInsertRowid();
}

void link_request(Store& store, std::int64_t id, const SubjectKey& key) {
  Sha256 mac = hmac_sha256(store.secret(), key.str());
  SQLite::Statement st(db(store),
                       "UPDATE subject_request SET subject_id = (SELECT id FROM subject WHERE key = ?), "
                       "subject_hmac = ?, requester_kind = NULL, requester = NULL "
                       "WHERE id = ? AND EXISTS (SELECT 1 FROM subject WHERE key = ?)");
  st.bind(1, key.str());
  st.bind(2, mac.data(), static_cast<int>(mac.size()));
  st.bind(3, static_cast<int64_t>(id));
  st.bind(4, key.str());
  if (st.exec() != 1) throw Error(ExitCode::invalid_input, "no such subject in the store");
}

void update_request(Store& store, const SubjectRequest& r) {
  SQLite::Statement st(db(store),
                       "UPDATE subject_request SET due = ?, extended_at = ?, extension_reason = ?, closed_at = ?, "
                       "outcome = ?, note = ?, refused = ? WHERE id = ?");
  st.bind(1, format_date(r.due));
  bind_instant(st, 2, r.extended_at);
  bind_text(st, 3, r.extension_reason);
  bind_instant(st, 4, r.closed_at);
  bind_text(st, 5, r.outcome);
  bind_text(st, 6, r.note);
  st.bind(7, r.refused ? 1 : 0);
  st.bind(8, static_cast<int64_t>(r.id));
  st.exec();
}

std::optional<SubjectRequest> find_request(Store& store, std::int64_t id) {
  SQLite::Statement st(db(store), std::string("SELECT ") + kColumns +
                                      " FROM subject_request r LEFT JOIN subject s ON s.id = r.subject_id "
                                      "WHERE r.id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return read(st);
}

std::optional<Instant> listed_until(Store& store, std::int64_t id, std::string_view reason) {
  SQLite::Statement st(db(store), "SELECT l.until FROM suppression l JOIN subject_request r ON l.mac = r.subject_hmac "
                                  "WHERE r.id = ? AND l.reason = ?");
  st.bind(1, static_cast<int64_t>(id));
  st.bind(2, std::string(reason));
  if (!st.executeStep()) return std::nullopt;
  return from_unix(st.getColumn(0).getInt64());
}

void for_each_request(Store& store, const RequestFilter& filter,
                      const std::function<void(const SubjectRequest&)>& each) {
  SQLite::Statement st(db(store), std::string("SELECT ") + kColumns +
                                      " FROM subject_request r LEFT JOIN subject s ON s.id = r.subject_id "
                                      "WHERE (:all OR r.closed_at IS NULL) AND (:key IS NULL OR s.key = :key) "
                                      "ORDER BY r.id");
  st.bind(":all", filter.closed_too ? 1 : 0);
  if (filter.subject)
    st.bind(":key", filter.subject->str());
  else
    st.bind(":key");
  while (st.executeStep()) each(read(st));
}

}  // namespace dpo::store
