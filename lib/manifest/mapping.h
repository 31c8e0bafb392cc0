#pragma once

#include <filesystem>
#include <optional>
#include <set>
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

/// A column whose answer (a flag: true gives, false refuses) is a consent
/// event for a purpose, dated by another column, with the notice shown.
struct ConsentColumn {
  MappedColumn answer;
  model::PurposeId purpose;
  MappedColumn at;
  std::string channel;         ///< how it was collected, the same for every row
  std::string notice_version;  ///< the notice shown: a file of the notices directory
  std::string notice_sha256;   ///< computed from that file
  MappedColumn evidence;
};

/// The column of a person's form of address and how the export writes each
/// (dpo-mapping(5)): by default "madam" and "sir".
struct CivilityColumn {
  MappedColumn column;
  std::vector<std::string> madam{"madam"}, sir{"sir"};
};

struct Mapping {
  std::string file;
  CsvDialect dialect{0, CsvEncoding::automatic, true};
  std::string date_format = "%Y-%m-%d";        ///< strftime-style, like "%d/%m/%Y"
  std::vector<std::string> yes, no;            ///< how the flag columns write true and false
  MappedColumn key;
  std::vector<std::pair<std::string, MappedColumn>> identifiers;  ///< kind, column
  std::vector<MappedColumn> name;            ///< joined by a space: "Prénom", "Nom"
  std::vector<MappedColumn> postal_address;  ///< a line each
  CivilityColumn civility;
  MappedColumn birth_date, cpf_funded, legal_hold;
  std::vector<EngagementColumns> engagements;
  std::vector<HoldingColumn> holdings;
  std::vector<ConsentColumn> consents;
  /// What still reads but is written another way now (identifiers of kinds
  /// name and address), to print as warnings.
  std::vector<Diagnostic> warnings;
  /// Every column the mapping reads, once each.
  [[nodiscard]] std::vector<const MappedColumn*> columns() const;
};

/// Whether the export's header has every column the mapping reads; each
/// one missing is reported once, at the header, with where the mapping
/// names it.
bool has_columns(const CsvTable& table, const Mapping& mapping, Diagnostics& diagnostics);

/// A row's cells turned into the values dpokit's own formats have: dates
/// written the mapping's way become YYYY-MM-DD, its true and false words
/// "true" and "false". A problem is reported by the column's header and the
/// cell's place, never its value, and gives "".
class MappedCells {
 public:
  MappedCells(const CsvTable& row, const Mapping& mapping, Diagnostics& diagnostics)
      : row_(row), m_(mapping), diagnostics_(diagnostics) {}
  [[nodiscard]] std::string text(const MappedColumn& c) const { return c.mapped() ? row_.cell(c.name) : std::string(); }
  [[nodiscard]] Location where(const MappedColumn& c) const { return row_.where(c.name); }
  [[nodiscard]] std::string date(const MappedColumn& c) const;
  [[nodiscard]] std::string flag(const MappedColumn& c) const;

 private:
  const CsvTable& row_;
  const Mapping& m_;
  Diagnostics& diagnostics_;
  mutable std::set<std::string> reported_;  ///< columns whose date was reported on this row
};

/// Reads and checks a mapping file: its keys, the activities and data
/// categories it names against the register (each holding's category must be
/// one its activity lists), its date format and delimiter. Every problem is
/// reported with file:line:column; throws InputError when there is one.
[[nodiscard]] Mapping load_mapping(const std::filesystem::path& path, const model::Register& reg);

}  // namespace dpo::manifest
