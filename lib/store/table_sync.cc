#include "store/table_sync.h"

#include <map>

namespace dpo::store {

namespace {

std::string list(const std::vector<std::string_view>& columns, std::string_view suffix, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out += separator;
    out += columns[i];
    out += suffix;
  }
  return out;
}

void bind_value(SQLite::Statement& st, int index, const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v))
    st.bind(index, *i);
  else if (const auto* s = std::get_if<std::string>(&v))
    st.bind(index, *s);
  else
    st.bind(index);
}

Value read(const SQLite::Column& c) {
  if (c.isNull()) return std::monostate{};
  if (c.isInteger()) return c.getInt64();
  return c.getString();
}

}  // namespace

Value text_value(const std::string& text) {
  if (text.empty()) return std::monostate{};
  return text;
}

Changes sync_table(SQLite::Database& db, const TableSpec& spec, const std::vector<Row>& desired) {
  const std::size_t nk = spec.keys.size();
  const std::size_t nv = spec.values.size();
  std::vector<std::string_view> all = spec.keys;
  all.insert(all.end(), spec.values.begin(), spec.values.end());

  std::map<Row, Row> existing;
  SQLite::Statement select(db, "SELECT " + list(all, "", ", ") + " FROM " + std::string(spec.name));
  while (select.executeStep()) {
    Row key, values;
    for (std::size_t i = 0; i < nk; ++i) key.push_back(read(select.getColumn(static_cast<int>(i))));
    for (std::size_t i = 0; i < nv; ++i) values.push_back(read(select.getColumn(static_cast<int>(nk + i))));
    existing.emplace(std::move(key), std::move(values));
  }

  std::string placeholders;
  for (std::size_t i = 0; i < all.size(); ++i) placeholders += i ? ", ?" : "?";
  SQLite::Statement insert(db, "INSERT INTO " + std::string(spec.name) + " (" + list(all, "", ", ") + ") VALUES (" +
                                   placeholders + ")");
  std::string where = list(spec.keys, " = ?", " AND ");
  std::optional<SQLite::Statement> update;
  if (nv) update.emplace(db, "UPDATE " + std::string(spec.name) + " SET " + list(spec.values, " = ?", ", ") +
                                 " WHERE " + where);
  SQLite::Statement remove(db, "DELETE FROM " + std::string(spec.name) + " WHERE " + where);

  Changes changes;
  std::map<Row, bool> wanted;
  for (const Row& row : desired) {
    Row key(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(nk));
    Row values(row.begin() + static_cast<std::ptrdiff_t>(nk), row.end());
    wanted.emplace(key, true);
    auto it = existing.find(key);
    if (it == existing.end()) {
      for (std::size_t i = 0; i < row.size(); ++i) bind_value(insert, static_cast<int>(i + 1), row[i]);
      insert.exec();
      insert.reset();
      ++changes.added;
    } else if (it->second != values) {
      for (std::size_t i = 0; i < nv; ++i) bind_value(*update, static_cast<int>(i + 1), values[i]);
      for (std::size_t i = 0; i < nk; ++i) bind_value(*update, static_cast<int>(nv + i + 1), key[i]);
      update->exec();
      update->reset();
      ++changes.changed;
    }
  }
  // Deletions last, once every wanted row is in place.
  for (const auto& [key, values] : existing) {
    if (wanted.count(key)) continue;
    for (std::size_t i = 0; i < nk; ++i) bind_value(remove, static_cast<int>(i + 1), key[i]);
    if (remove.exec() > 0) ++changes.removed;  // a cascade may already have removed it
    remove.reset();
  }
  return changes;
}

}  // namespace dpo::store
