// libFuzzer target: the Markdown and CSV writers. Any text from the register
// or the store must come out as text: a Markdown value on one line with its
// markup characters escaped, a CSV cell that no spreadsheet runs as a formula.
#include <string>
#include <string_view>

#include "report/csv.h"
#include "report/escape.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  std::string md = dpo::report::markdown_escape(text);
  if (md.find_first_of("\r\n") != std::string::npos) __builtin_trap();
  // Every markup character is escaped: preceded by a backslash that is not itself escaped.
  for (std::size_t i = 0; i < md.size(); ++i) {
    if (std::string_view("`*_[]<>|&~!").find(md[i]) == std::string_view::npos) continue;
    std::size_t slashes = 0;
    for (std::size_t j = i; j > 0 && md[j - 1] == '\\'; --j) ++slashes;
    if (slashes % 2 == 0) __builtin_trap();
  }

  std::string cell = dpo::report::csv_cell(text);
  std::string_view inner = cell;
  if (!inner.empty() && inner.front() == '"') inner = inner.substr(1);
  std::size_t first = inner.find_first_not_of(' ');
  if (first != std::string_view::npos && std::string_view("=+-@\t\r").find(inner[first]) != std::string_view::npos)
    __builtin_trap();  // a formula a spreadsheet would run
  if (cell.find_first_of(",\"\r\n") != std::string::npos && (cell.size() < 2 || cell.front() != '"' || cell.back() != '"'))
    __builtin_trap();  // a separator or quote outside quotes splits the row
  return 0;
}
