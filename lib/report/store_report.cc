#include "report/store_report.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "l10n/format.h"

namespace dpo::report {

void render_status(const StoreStatus& st, std::string_view format, Lang lang, std::ostream& out) {
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
  const std::pair<Phrase, std::string> lines[] = {
      {{"store", "base"}, st.path},
      {{"schema version", "version du schéma"}, std::to_string(st.schema_version)},
      {{"controller", "responsable"},
       st.controller ? *st.controller
                     : std::string(Phrase{"(no register imported yet)", "(aucun registre importé)"}.in(lang))},
      {{"time zone", "fuseau horaire"}, st.timezone},
      {{"integrity", "intégrité"}, "ok"},
  };
  std::size_t label = 15;
  for (const auto& [name, value] : lines) label = std::max(label, l10n::display_width(name.in(lang)) + 2);
  for (const auto& [name, value] : lines) out << l10n::padded(name.in(lang), label) << value << "\n";
  out << Phrase{"tables", "tables"}.in(lang) << "\n";
  // As wide as the longest table name, so the counts stay in one column.
  // Table names are the store's own: the same in every language.
  std::size_t width = 20;
  for (const auto& [table, rows] : st.tables) width = std::max(width, table.size());
  for (const auto& [table, rows] : st.tables) out << fmt::format("  {:<{}} {:>10}\n", table, width, lang == Lang::fr ? l10n::count(rows, lang) : std::to_string(rows));
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

std::string store_initialised(const std::string& absolute_path, Lang lang) {
  return l10n::say({"initialised an empty dpo store in {}", "base dpo vide créée dans {}"}, lang, absolute_path);
}

std::string store_exists(const std::string& path, int schema_version, Lang lang) {
  return l10n::say({"store '{}' already exists (schema version {})", "la base '{}' existe déjà (version du schéma {})"},
                   lang, path, schema_version);
}

}  // namespace dpo::report
