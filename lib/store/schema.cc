#include "store/schema.h"

#include <cctype>
#include <string>

#include "base/error.h"

namespace dpo::store {

namespace embedded {
extern const std::string_view store_sql;
}

namespace {

constexpr std::string_view kHeading = "\n-- version ";

// The next heading "-- version N:" at or after `from`, and its N.
std::size_t next_heading(std::string_view sql, std::size_t from, int& version) {
  for (std::size_t at = sql.find(kHeading, from); at != std::string_view::npos; at = sql.find(kHeading, at + 1)) {
    std::size_t digits = at + kHeading.size();
    std::size_t end = digits;
    while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
    if (end > digits && end < sql.size() && sql[end] == ':') {
      version = std::stoi(std::string(sql.substr(digits, end - digits)));
      return at;
    }
  }
  return std::string_view::npos;
}

// Splits store.sql at its "-- version N:" headings; the numbers must run 1, 2, 3...
std::vector<Migration> split(std::string_view sql) {
  std::vector<Migration> out;
  int version = 0;
  std::size_t at = next_heading(sql, 0, version);
  while (at != std::string_view::npos) {
    if (version != static_cast<int>(out.size()) + 1)
      throw Error(ExitCode::internal, "schemas/store.sql: version " + std::to_string(version) + " out of order");
    int next_version = 0;
    std::size_t next = next_heading(sql, at + 1, next_version);
    out.push_back(Migration{version, sql.substr(at + 1, next == std::string_view::npos ? next : next - at - 1)});
    at = next;
    version = next_version;
  }
  if (out.empty()) throw Error(ExitCode::internal, "schemas/store.sql has no version sections");
  return out;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = split(embedded::store_sql);
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace dpo::store
