#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "base/error.h"
#include "model/register.h"
#include "model/wording.h"
#include "time/instant.h"

/// The record of processing activities, printed for people and programs.
namespace dpo::report {

struct RenderOptions {
  Lang lang = Lang::en;
  bool color = false;  ///< terminal emphasis in the text format
  bool excel = false;  ///< csv as Excel opens it: byte-order mark, semicolons (kExcelBom)
  /// The register's imports in the journal: each activity's last update
  /// fills the CSV's "Last update" column; without it, the controller's
  /// `reviewed` date does.
  std::optional<model::RegisterHistory> history;
  const Zone* zone = nullptr;  ///< the store's, to date the history's instants
};

/// An activity's creation (`created`) or last update date from the journal,
/// in words ("5 janvier 2026"); empty when the journal does not date it.
[[nodiscard]] std::string activity_date(const std::optional<model::RegisterHistory>& history,
                                        const model::Activity& activity, bool created, const Zone& zone, Lang lang);

struct RegisterFormat {
  std::string_view name;
  std::string_view summary;
  void (*render)(const model::Register& reg, const RenderOptions& options, std::ostream& out);
};

/// The workbook format, written to a file alone (report/register_workbook.h).
inline constexpr std::string_view kWorkbookFormat = "xlsx";

/// text, md, csv (the CNIL template's columns), json (the register file's shape).
[[nodiscard]] std::span<const RegisterFormat> register_formats();

/// The register in the shape of its YAML file, keys in the file's order: it
/// validates against schemas/register.schema.json and imports back unchanged.
[[nodiscard]] nlohmann::ordered_json register_json(const model::Register& reg);

/// The register as text a register file may hold (JSON being YAML), to read
/// back through the same checks as a file.
[[nodiscard]] std::string register_document(const model::Register& reg);
/// "note: not imported: system[0].dpa_location at a.yml:9:5 (no place in the register)".
[[nodiscard]] std::string fides_note(const Diagnostic& note);

/// A transfer's Chapter V ground in words, "(occasional)" after an
/// occasional one: "clauses contractuelles types", "dérogation de l'art.
/// 49.1.b du RGPD (occasionnel)".
[[nodiscard]] std::string safeguard_text(const model::Transfer& transfer, Lang lang);
/// A retention rule's period in words, without its categories: "10 years
/// from collection, delete (Code de commerce L123-22)".
[[nodiscard]] std::string retention_period(const model::RetentionRule& rule, Lang lang);

/// "3 activities, 4 purposes, 9 data categories, 2 processors";
/// "3 traitements, 4 finalités, 9 catégories de données, 2 sous-traitants".
[[nodiscard]] std::string register_contents(const model::Register& reg, Lang lang);
/// What `dpo register validate` says of a valid file.
[[nodiscard]] std::string register_valid(const std::string& file, const model::Register& reg, Lang lang);
/// What `dpo register import` says: the rows it changed, or "no change".
struct RegisterImport {
  std::string file;
  long long added = 0, changed = 0, removed = 0;
  bool any = false;  ///< whether any table changed
};
[[nodiscard]] std::string register_imported(const RegisterImport& import, const model::Register& reg, Lang lang);

}  // namespace dpo::report
