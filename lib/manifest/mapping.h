#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "manifest/records.h"
#include "model/register.h"

/// How the columns of a CSV export (a CRM's, an LMS's: one person a row,
/// many columns) become subjects: the mapping file of dpo-mapping(5).
namespace dpo::manifest {

/// A column the mapping reads, and where the mapping names it.
struct MappedColumn {
  std::string name;  ///< the column's header; empty: not mapped
  Location where;    ///< in the mapping file
  [[nodiscard]] bool mapped() const { return !name.empty(); }
};

/// An engagement read from a row: its activity, and the columns of its dates.
struct EngagementColumns {
  model::ActivityId activity;
  MappedColumn started, ended, last_contact;
};

/// A column whose non-empty cell is one holding of an activity and category,
/// in a system, collected at the date of another column.
struct HoldingColumn {
  MappedColumn value;
  model::ActivityId activity;
  model::CategoryId data;
  std::string system;
  MappedColumn collected;
};

struct Mapping {
  std::string file;
  CsvDialect dialect{0, CsvEncoding::automatic, true};
  std::string date_format;                     ///< strftime-style ("%d/%m/%Y"); empty: YYYY-MM-DD
  std::vector<std::string> yes, no;            ///< how the flag columns write true and false
  MappedColumn key;
  std::vector<std::pair<std::string, MappedColumn>> identifiers;  ///< kind, column
  MappedColumn birth_date, cpf_funded, legal_hold;
  std::vector<EngagementColumns> engagements;
  std::vector<HoldingColumn> holdings;
  /// Every column the mapping reads, once each.
  [[nodiscard]] std::vector<const MappedColumn*> columns() const;
};

/// Reads and checks a mapping file: its keys, the activities and data
/// categories it names against the register (each holding's category must be
/// one its activity lists), its date format and delimiter. Every problem is
/// reported with file:line:column; throws InputError when there is one.
[[nodiscard]] Mapping load_mapping(const std::filesystem::path& path, const model::Register& reg);

}  // namespace dpo::manifest
