#include "report/csv.h"

#include "base/strings.h"

namespace dpo::report {

namespace {

// What a spreadsheet may skip before it looks for a formula: white space
// (line breaks included), Unicode's spaces (no-break, ideographic...) and
// characters shown as nothing.
bool blank(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || !invisible_kind(c).empty();
}

// Whether a spreadsheet could run the cell as a formula: it starts with a
// tab or a carriage return, or its first character past the blanks is
// = + - or @ (" =1+1", "\n=1+1" and "\u00a0=1+1" run as "=1+1" does).
bool formula(std::string_view text) {
  if (!text.empty() && (text.front() == '\t' || text.front() == '\r')) return true;
  for (std::size_t i = 0; i < text.size();) {
    CodePoint c = code_point_at(text, i);
    if (!blank(c.value)) return std::string_view("=+-@").find(text[i]) != std::string_view::npos;
    i += c.length;
  }
  return false;
}

}  // namespace

std::string csv_cell(std::string_view text, char delimiter) {
  std::string cell(formula(text) ? 1 : 0, '\'');
  cell += text;
  const char special[] = {delimiter, '"', '\r', '\n', '\0'};
  if (cell.find_first_of(special) == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_csv_row(std::ostream& out, std::span<const std::string> cells, char delimiter) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << delimiter;
    out << csv_cell(cells[i], delimiter);
  }
  out << "\r\n";
}

std::string converted_cells(long long cells) {
  if (cells <= 0) return "";
  return "warning: " + std::to_string(cells) +
         (cells == 1 ? " cell was not UTF-8 and was read" : " cells were not UTF-8 and were read") +
         " as Windows-1252; say 'encoding: windows-1252' in the mapping if the whole export is";
}

}  // namespace dpo::report
