#pragma once

// Private to lib/store: the SQLite handle behind a Store.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "base/crypto.h"
#include "store/store.h"

namespace dpo::store {

struct Store::Impl {
  Impl(const std::filesystem::path& p, int flags) : path(p), db(p.string(), flags) {}
  ~Impl();
  std::filesystem::path path;
  SQLite::Database db;
  std::FILE* trace = nullptr;  ///< DPO_TRACE_SQL: every statement run, with its values
  int version = 0;
  std::optional<int> migrated_from;
  std::vector<std::string> migration_notes;
  std::vector<unsigned char> secret;
  std::optional<std::vector<unsigned char>> key;  ///< DPO_KEY_FILE's key, when set
};

/// The controller's country (ISO 3166-1 alpha-2), "" before a register is
/// imported: the region of phone numbers written without a country code.
inline std::string controller_country(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT country FROM controller WHERE id = 1");
  return st.executeStep() && !st.getColumn(0).isNull() ? st.getColumn(0).getString() : std::string();
}

/// Binds `text` or NULL when it is empty: the store keeps absent text as NULL.
inline void bind_text(SQLite::Statement& st, int index, const std::string& text) {
  if (text.empty())
    st.bind(index);
  else
    st.bind(index, text);
}

/// Reads a nullable text column as "" when NULL.
inline std::string text_of(const SQLite::Column& column) {
  return column.isNull() ? std::string() : column.getString();
}

/// Binds an instant as Unix seconds, or NULL.
inline void bind_instant(SQLite::Statement& st, int index, const std::optional<Instant>& t) {
  if (t)
    st.bind(index, static_cast<int64_t>(to_unix(*t)));
  else
    st.bind(index);
}

/// Reads a 32-byte hash column; all zeros when it is NULL or not 32 bytes
/// (which a verification then finds does not match).
inline Sha256 sha256_of(const SQLite::Column& c) {
  Sha256 out{};
  if (c.isBlob() && c.getBytes() == static_cast<int>(out.size())) std::memcpy(out.data(), c.getBlob(), out.size());
  return out;
}

/// Reads a nullable Unix-seconds column.
inline std::optional<Instant> instant_of(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return from_unix(c.getInt64());
}

}  // namespace dpo::store
