#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <map>
#include <simdjson.h>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "manifest/csv_reader.h"

/// Record files (JSON Lines and CSV with a header) read one record at a time,
/// every problem reported with its place. Shared by the subjects and consent
/// readers; messages name fields, never values, since records hold personal data.
namespace dpo::manifest {

enum class RecordFormat { jsonl, csv };

/// jsonl for .jsonl/.ndjson/.json, csv for .csv; nullopt otherwise.
[[nodiscard]] std::optional<RecordFormat> format_of(const std::filesystem::path& path);

/// A file to read, or standard input for "-".
class Input {
 public:
  explicit Input(const std::filesystem::path& path);
  [[nodiscard]] std::istream& stream() { return *in_; }
  /// The path, or <stdin>.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// Bytes in the file (0 for standard input) and bytes read so far: a
  /// progress bar's measure.
  [[nodiscard]] long long size() const { return size_; }
  [[nodiscard]] long long position();

 private:
  std::ifstream file_;
  long long size_ = 0;
  std::istream* in_;
  std::string name_;
};

using JsonElement = simdjson::dom::element;
using JsonObject = simdjson::dom::object;
using JsonArray = simdjson::dom::array;

/// Where JSON text stops being JSON, as a 1-based byte position (0 when it
/// parses or the parser does not say). simdjson does not tell; nlohmann's
/// slower parser does, for the rare text that fails.
[[nodiscard]] std::size_t json_error_position(std::string_view text);

/// Reads a line of at most kMaxLineBytes into `line` (through `buffer`, so a
/// longer one is skipped, never held: `too_long` says so). False at the end.
bool read_line(std::istream& in, std::vector<char>& buffer, std::string& line, bool& too_long);

/// Reads a JSON Lines file: one object a line, blank lines skipped. Lines are
/// parsed with simdjson; what next() hands out stays valid until the next call.
class JsonLineReader {
 public:
  JsonLineReader(std::istream& in, std::string file, Diagnostics& diagnostics)
      : in_(in), file_(std::move(file)), diagnostics_(diagnostics) {}

  /// The next line that is a JSON object; a line that is not is reported and skipped.
  bool next(JsonObject& object);
  [[nodiscard]] int line() const { return line_no_; }
  /// The line, and the column of `key` when it is found in the line's text.
  [[nodiscard]] Location at(std::string_view key = {}) const;
  void error(const Location& where, std::string message, std::string hint = {});

  /// Reports keys of `object` outside `allowed`; `path` prefixes nested keys
  /// in messages ("holdings[0]."); `hint` may suggest where a key belongs.
  void keys(const JsonObject& object, std::span<const std::string_view> allowed, const std::string& path,
            const std::function<std::string(const std::string&)>& hint = {});
  /// Reports text that is not UTF-8 or holds a control character; false then.
  bool clean(std::string_view text, std::string_view key, const std::string& path);
  /// Reports a key that appears twice in `object`.
  void unique_keys(const JsonObject& object, const std::string& path);
  /// A string field: null and absence are "", other types are reported, and
  /// so is text that is not UTF-8 or holds a control character.
  [[nodiscard]] std::string text(const JsonObject& object, std::string_view key, const std::string& path = {});
  [[nodiscard]] std::optional<bool> boolean(const JsonObject& object, std::string_view key,
                                            const std::string& path = {});
  /// A list or object field, or nullopt (absent, null, or reported as the wrong type).
  [[nodiscard]] std::optional<JsonArray> list(const JsonObject& object, std::string_view key,
                                              const std::string& path = {});
  [[nodiscard]] std::optional<JsonObject> object(const JsonObject& object, std::string_view key,
                                                 const std::string& path = {});
  /// A list of strings.
  [[nodiscard]] std::vector<std::string> texts(const JsonObject& object, std::string_view key,
                                               const std::string& path = {});
  /// Calls `each` with every object of the list under `key` and its path
  /// ("holdings[2]."); an element that is not an object is reported.
  void each(const JsonObject& object, std::string_view key,
            const std::function<void(const JsonObject& element, const std::string& path)>& each);

 private:
  std::istream& in_;
  std::string file_;
  Diagnostics& diagnostics_;
  simdjson::dom::parser parser_;
  std::string line_;
  std::vector<char> buffer_;
  int line_no_ = 0;

  Location field(std::string_view key, const std::string& path) const { return at(path.empty() ? key : ""); }
  /// The field's value, or nullopt when it is absent or null.
  static std::optional<JsonElement> find(const JsonObject& object, std::string_view key);
};

/// How the cells of a CSV file are encoded.
enum class CsvEncoding {
  utf8,          ///< UTF-8 only: other bytes are reported
  windows_1252,  ///< every cell converted from Windows-1252
  automatic,     ///< a cell that is not UTF-8 is read as Windows-1252
};

/// How a CSV file is written, when it is not dpokit's own format.
struct CsvDialect {
  char delimiter = ',';  ///< 0: detected from the header (CsvReader)
  CsvEncoding encoding = CsvEncoding::utf8;
  bool any_columns = false;  ///< a foreign export: columns are whatever it has
};

/// Reads a CSV file whose first row names its columns.
class CsvTable {
 public:
  /// Unknown (unless `dialect.any_columns`) or repeated columns, or missing
  /// `required` ones, are reported once, at the header, and make next()
  /// return false at once.
  CsvTable(std::istream& in, std::string file, std::span<const std::string_view> columns,
           std::span<const std::string_view> required, Diagnostics& diagnostics, CsvDialect dialect = {});
  /// The next row that is not blank; false at the end.
  bool next();
  /// A cell of the current row, trimmed; "" when the column is absent.
  [[nodiscard]] std::string cell(std::string_view column) const;
  /// Where a cell of the current row starts.
  [[nodiscard]] Location where(std::string_view column) const;
  [[nodiscard]] int line() const { return reader_.row_line(); }
  [[nodiscard]] bool has(std::string_view column) const { return column_.count(column) != 0; }
  /// Whether the header was read without a problem.
  [[nodiscard]] bool ok() const { return ok_; }
  /// Cells read as Windows-1252 so far (CsvEncoding::automatic).
  [[nodiscard]] long long converted() const { return converted_; }
  [[nodiscard]] char delimiter() const { return reader_.delimiter(); }
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  CsvReader reader_;
  std::string file_;
  Diagnostics& diagnostics_;
  CsvEncoding encoding_;
  long long converted_ = 0;
  void decode(std::string& text);
  std::vector<CsvField> row_;
  std::map<std::string, std::size_t, std::less<>> column_;
  bool ok_ = false;
};

/// A record file in either format, read one record at a time.
class RecordStream {
 public:
  RecordStream(const std::filesystem::path& path, RecordFormat format, std::span<const std::string_view> csv_columns,
               std::span<const std::string_view> required_columns, Diagnostics& diagnostics,
               CsvDialect dialect = {});

  /// Reads records until one reads without a problem: `from_json` or
  /// `from_csv` turns the current line into the caller's record (reporting
  /// what is wrong). `where` is set to the record's line. False at the end.
  template <class FromJson, class FromCsv>
  bool next(Location& where, FromJson&& from_json, FromCsv&& from_csv) {
    while (true) {
      std::size_t before = diagnostics_.size();
      if (jsonl_) {
        JsonObject object;
        if (!jsonl_->next(object)) return false;
        before = diagnostics_.size();  // lines that are not JSON were reported and skipped
        where = Location{input_.name(), jsonl_->line(), 0};
        from_json(*jsonl_, object);
      } else {
        if (!csv_->next()) return false;
        where = Location{input_.name(), csv_->line(), 0};
        from_csv(*csv_);
      }
      if (diagnostics_.size() == before) return true;
    }
  }
  [[nodiscard]] const std::string& name() const { return input_.name(); }
  [[nodiscard]] long long size() const { return input_.size(); }
  [[nodiscard]] long long position() { return input_.position(); }
  /// The CSV table being read (nullptr for JSON Lines).
  [[nodiscard]] const CsvTable* csv() const { return csv_ ? &*csv_ : nullptr; }

 private:
  Input input_;
  Diagnostics& diagnostics_;
  std::optional<JsonLineReader> jsonl_;
  std::optional<CsvTable> csv_;
};

}  // namespace dpo::manifest
