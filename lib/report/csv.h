#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

/// CSV for spreadsheets (RFC 4180), safe to open in one.
namespace dpo::report {

/// One cell: quoted when it holds a comma, quote or line break; a cell that a
/// spreadsheet would run as a formula (it starts with a tab or a carriage
/// return, or with = + - @ after any white space, line break, Unicode space
/// or invisible character) is prefixed with a single quote (OWASP CSV
/// injection).
/// `delimiter` is the one the file uses: a cell holding it is quoted.
[[nodiscard]] std::string csv_cell(std::string_view text, char delimiter = ',');

/// Writes one row of cells, CRLF-terminated as RFC 4180 says.
void write_csv_row(std::ostream& out, std::span<const std::string> cells, char delimiter = ',');

/// What Excel opens as UTF-8 without its import wizard, in any locale: a
/// byte-order mark first, cells separated by semicolons (the list separator
/// of locales whose decimal sign is a comma, French among them), CRLF.
inline constexpr std::string_view kExcelBom = "\xEF\xBB\xBF";
inline constexpr char kExcelDelimiter = ';';

/// The warning an import of a CRM export gives when `cells` of its cells
/// were not UTF-8 and were read as Windows-1252; "" when none were.
[[nodiscard]] std::string converted_cells(long long cells);

}  // namespace dpo::report
