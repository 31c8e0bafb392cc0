#include "report/xlsx.h"

#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/error.h"
#include "base/strings.h"

namespace dpo::report::xlsx {

namespace {

constexpr std::size_t kMaxSheetName = 31;  // Excel's limit, in characters
constexpr std::string_view kForbidden = "[]:*?/\\";

// UTF-8 text cut to `n` code points.
std::string first_code_points(std::string_view text, std::size_t n) {
  std::size_t count = 0, i = 0;
  for (; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == n) break;
  return std::string(text.substr(0, i));
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// At most `n` code points, cut after a whole word where one ends past the
// middle, marked with an ellipsis: "Satisfaction surveys and…".
std::string shortened(std::string_view text, std::size_t n) {
  std::string cut = first_code_points(text, n - 1);
  bool whole_word = text.size() > cut.size() && text[cut.size()] == ' ';
  std::size_t space = cut.rfind(' ');
  if (!whole_word && space != std::string::npos && code_points(cut.substr(0, space)) > n / 2) cut.resize(space);
  return std::string(trim(cut)) + "\u2026";
}

// Excel's rules, except uniqueness.
std::string legal_sheet_name(std::string_view wanted) {
  std::string name;
  for (char c : wanted) {
    bool space = kForbidden.find(c) != std::string_view::npos || c == ' ' || c == '\n' || c == '\t';
    if (!space)
      name += c;
    else if (!name.empty() && name.back() != ' ')
      name += ' ';  // one space for a run of them
  }
  name = std::string(trim(name));
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  if (code_points(name) > kMaxSheetName) name = shortened(name, kMaxSheetName);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Sheet";
  return name;
}

[[noreturn]] void fail(lxw_error error, std::string_view what) {
  throw Error(ExitCode::store, fmt::format("cannot write the workbook: {} ({})", what, lxw_strerror(error)));
}

// A cell Excel would refuse or cut is refused with its place, before any file exists.
void check(lxw_error error, const std::string& sheet, int row, int col) {
  if (error == LXW_NO_ERROR) return;
  std::string place = fmt::format("sheet '{}', cell {}{}", sheet, static_cast<char>('A' + col), row + 1);
  if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    throw Error(ExitCode::invalid_input, fmt::format("{}: more than Excel's 32,767 characters in a cell", place));
  fail(error, place);
}

}  // namespace

std::vector<std::string> sheet_names(const std::vector<std::string>& wanted) {
  std::vector<std::string> out;
  std::set<std::string> taken{"history"};
  for (const std::string& w : wanted) {
    std::string base = legal_sheet_name(w);
    std::string name = base;
    for (int n = 2; taken.count(to_lower(name)); ++n) {
      std::string suffix = fmt::format(" ({})", n);
      std::size_t room = kMaxSheetName - code_points(suffix);
      name = (code_points(base) > room ? shortened(base, room) : base) + suffix;
    }
    taken.insert(to_lower(name));
    out.push_back(name);
  }
  return out;
}

void Sheet::write(int row, int col, std::string_view text, Style style) {
  if (text.empty() && style == Style::text) return;
  std::string cell(text);
  check(worksheet_write_string(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), cell.c_str(),
                               book_->format(style)),
        name_, row, col);
}

void Sheet::link(int row, int col, const std::string& target, std::string_view text) {
  std::string quoted;
  for (char c : target) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  std::string url = "internal:'" + quoted + "'!A1";
  std::string shown(text);
  check(worksheet_write_url_opt(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), url.c_str(),
                                book_->format(Style::link), shown.c_str(), nullptr),
        name_, row, col);
}

void Sheet::width(int col, double characters) {
  auto c = static_cast<lxw_col_t>(col);
  check(worksheet_set_column(sheet_, c, c, characters, nullptr), name_, 0, col);
}

void Sheet::freeze_rows(int rows) { worksheet_freeze_panes(sheet_, static_cast<lxw_row_t>(rows), 0); }

Workbook::Workbook(const std::filesystem::path& path, const Properties& p) : path_(path) {
  book_ = workbook_new(path_.c_str());
  if (!book_) throw Error(ExitCode::store, fmt::format("cannot start a workbook at '{}'", path_.string()));
  lxw_doc_properties properties{};
  std::string title = p.title, company = p.company;
  properties.title = title.data();
  properties.company = company.data();
  // Both dcterms:created and dcterms:modified; the zip entries are dated
  // 1980-01-01 by libxlsxwriter, as Excel dates them: nothing else varies.
  properties.created = static_cast<time_t>(to_unix(p.created));
  lxw_error e = workbook_set_properties(book_, &properties);
  if (e != LXW_NO_ERROR) {
    lxw_workbook_free(book_);
    fail(e, "its properties");
  }
  // One format per Style, in its order.
  auto add = [&] {
    lxw_format* f = workbook_add_format(book_);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    formats_.push_back(f);
    return f;
  };
  add();
  lxw_format* title_format = add();
  format_set_bold(title_format);
  format_set_font_size(title_format, 14);
  lxw_format* section = add();
  format_set_bold(section);
  format_set_bg_color(section, 0xDDEBF7);
  lxw_format* header = add();
  format_set_bold(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* label = add();
  format_set_bold(label);
  lxw_format* link = add();
  format_set_underline(link, LXW_UNDERLINE_SINGLE);
  format_set_font_color(link, LXW_COLOR_BLUE);
}

Workbook::~Workbook() {
  if (book_) lxw_workbook_free(book_);
}

Sheet Workbook::add_sheet(const std::string& name) {
  lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
  if (!sheet) throw Error(ExitCode::internal, fmt::format("the sheet name '{}' was not made legal", name));
  return Sheet(*this, sheet, name);
}

void Workbook::close() {
  lxw_error e = workbook_close(book_);  // frees the workbook whatever happens
  book_ = nullptr;
  if (e != LXW_NO_ERROR) fail(e, path_.string());
}

}  // namespace dpo::report::xlsx
