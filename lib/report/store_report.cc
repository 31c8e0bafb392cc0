#include "report/store_report.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dpo::report {

void render_status(const StoreStatus& st, std::string_view format, std::ostream& out) {
  if (format == "json") {
    nlohmann::ordered_json j;
    j["store"] = st.path;
    j["schema_version"] = st.schema_version;
    j["controller"] = st.controller ? nlohmann::ordered_json(*st.controller) : nlohmann::ordered_json();
    j["timezone"] = st.timezone;
    j["integrity"] = "ok";
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto& [table, rows] : st.tables) counts[table] = rows;
    j["tables"] = counts;
    out << j.dump(2) << "\n";
    return;
  }
  out << fmt::format("store           {}\n", st.path);
  out << fmt::format("schema version  {}\n", st.schema_version);
  out << fmt::format("controller      {}\n", st.controller ? *st.controller : "(no register imported yet)");
  out << fmt::format("time zone       {}\n", st.timezone);
  out << "integrity       ok\n";
  out << "tables\n";
  // As wide as the longest table name, so the counts stay in one column.
  std::size_t width = 20;
  for (const auto& [table, rows] : st.tables) width = std::max(width, table.size());
  for (const auto& [table, rows] : st.tables) out << fmt::format("  {:<{}} {:>10}\n", table, width, rows);
}

std::string version_line(std::string_view version, int schema, std::string_view sqlite) {
  return fmt::format("dpo version {} (store schema {}, SQLite {})", version, schema, sqlite);
}

void render_overview(std::string_view usage, std::span<const CommandSummary> builtins,
                     std::span<const CommandSummary> families, std::ostream& out) {
  out << "usage: " << usage << "\n\n";
  out << "commands of dpo itself:\n";
  for (const CommandSummary& c : builtins) out << fmt::format("   {:<10} {}\n", c.name, c.summary);
  out << "\ncommand families (the program dpo-COMMAND):\n";
  for (const CommandSummary& c : families) out << fmt::format("   {:<10} {}\n", c.name, c.summary);
  out << "\nSee 'dpo help COMMAND' or 'man dpo-COMMAND' for one command; 'man dpo' for the whole toolkit.\n";
}

std::string store_initialised(const std::string& absolute_path) {
  return "initialised an empty dpo store in " + absolute_path;
}

std::string store_exists(const std::string& path, int schema_version) {
  return fmt::format("store '{}' already exists (schema version {})", path, schema_version);
}

}  // namespace dpo::report
