#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "time/instant.h"

// libxlsxwriter's types, declared here so that its header stays in xlsx.cc
// (tests/arch/ checks it).
struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

/// Excel workbooks (Office Open XML), over libxlsxwriter: the few things
/// dpokit's documents need, and the same bytes for the same content.
namespace dpo::report::xlsx {

/// How a cell looks. Every style wraps its text and aligns it to the top.
enum class Style {
  text,
  title,    ///< a sheet's first row: bold, larger
  section,  ///< a section's heading: bold, shaded
  header,   ///< a table's column headings: bold, bordered below
  label,    ///< a row's label in the first column: bold
  link,     ///< a link to another sheet: underlined
};

/// Excel's rules for sheet names, applied to `wanted` in order: at most 31
/// characters, none of []:*?/\, no apostrophe first or last, not empty nor
/// "History" (Excel keeps it), and unique whatever the case ("Name (2)").
[[nodiscard]] std::vector<std::string> sheet_names(const std::vector<std::string>& wanted);

class Workbook;

/// One worksheet; rows and columns count from 0.
class Sheet {
 public:
  void write(int row, int col, std::string_view text, Style style = Style::text);
  /// A link to cell A1 of the sheet named `target`, showing `text`.
  void link(int row, int col, const std::string& target, std::string_view text);
  /// Sets a column's width, in Excel's characters.
  void width(int col, double characters);
  /// Keeps the first `rows` rows in view while the rest scrolls.
  void freeze_rows(int rows);

 private:
  friend class Workbook;
  Sheet(Workbook& book, lxw_worksheet* sheet, std::string name) : book_(&book), sheet_(sheet), name_(std::move(name)) {}
  Workbook* book_;
  lxw_worksheet* sheet_;
  std::string name_;
};

/// The document's properties: `created` is both its creation and its last
/// modification, so that it alone decides docProps/core.xml.
struct Properties {
  std::string title;
  std::string company;
  Instant created;
};

/// A workbook written to `path` by close(); libxlsxwriter writes only to a
/// path, so the caller gives one that is private (an AtomicFile's).
class Workbook {
 public:
  Workbook(const std::filesystem::path& path, const Properties& properties);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  /// Adds a sheet; its name must be one sheet_names() gave.
  [[nodiscard]] Sheet add_sheet(const std::string& name);
  /// Writes the file; Error(store) when it cannot.
  void close();

 private:
  friend class Sheet;
  [[nodiscard]] lxw_format* format(Style style) const { return formats_[static_cast<int>(style)]; }
  std::filesystem::path path_;
  lxw_workbook* book_;
  std::vector<lxw_format*> formats_;
};

}  // namespace dpo::report::xlsx
