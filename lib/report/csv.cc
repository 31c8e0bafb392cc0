#include "report/csv.h"

namespace dpo::report {

std::string csv_cell(std::string_view text) {
  std::string cell;
  // Spreadsheets skip leading spaces before they look for a formula:
  // " =1+1" runs as "=1+1" does, so the first other character decides.
  std::size_t first = text.find_first_not_of(' ');
  if (first != std::string_view::npos && std::string_view("=+-@\t\r").find(text[first]) != std::string_view::npos)
    cell = "'";
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_csv_row(std::ostream& out, std::span<const std::string> cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << ',';
    out << csv_cell(cells[i]);
  }
  out << "\r\n";
}

}  // namespace dpo::report
