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
  if (!inner.empty() && (inner.front() == '\t' || inner.front() == '\r')) __builtin_trap();
  // Past white space, line breaks and no-break or ideographic spaces, which
  // a spreadsheet skips, no formula character may come first.
  std::size_t first = 0;
  while (first < inner.size()) {
    std::string_view rest = inner.substr(first);
    if (rest.starts_with("\xc2\xa0"))
      first += 2;
    else if (rest.starts_with("\xe3\x80\x80"))
      first += 3;
    else if (rest.front() == ' ' || (rest.front() >= '\t' && rest.front() <= '\r'))
      ++first;
    else
      break;
  }
  if (first < inner.size() && std::string_view("=+-@").find(inner[first]) != std::string_view::npos)
    __builtin_trap();  // a formula a spreadsheet would run
  if (cell.find_first_of(",\"\r\n") != std::string::npos && (cell.size() < 2 || cell.front() != '"' || cell.back() != '"'))
    __builtin_trap();  // a separator or quote outside quotes splits the row
  return 0;
}
