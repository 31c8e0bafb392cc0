#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string_view>

#include "base/error.h"
#include "model/register.h"
#include "model/wording.h"

/// The record of processing activities, printed for people and programs.
namespace dpo::report {

struct RenderOptions {
  Lang lang = Lang::en;
  bool color = false;  ///< terminal emphasis in the text format
  bool excel = false;  ///< csv as Excel opens it: byte-order mark, semicolons (kExcelBom)
};

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

/// "3 activities, 4 purposes, 9 data categories, 2 processors".
[[nodiscard]] std::string register_contents(const model::Register& reg);
/// What `dpo register validate` says of a valid file.
[[nodiscard]] std::string register_valid(const std::string& file, const model::Register& reg);
/// What `dpo register import` says: the rows it changed, or "no change".
struct RegisterImport {
  std::string file;
  long long added = 0, changed = 0, removed = 0;
  bool any = false;  ///< whether any table changed
};
[[nodiscard]] std::string register_imported(const RegisterImport& import, const model::Register& reg);

}  // namespace dpo::report
