#pragma once

#include <istream>
#include <string>
#include <vector>

#include "base/error.h"

namespace dpo::manifest {

/// A CSV cell and where it starts.
struct CsvField {
  std::string text;
  int line = 0;
  int column = 0;
};

/// Streams RFC 4180 rows (quoted cells may hold delimiters, quotes and line
/// breaks; CRLF or LF; a UTF-8 byte-order mark is skipped), one row at a time.
class CsvReader {
 public:
  /// `delimiter` 0 detects it from the first row: of ';', ',' and tab, the
  /// one found most often outside quotes (',' when none is), as French
  /// spreadsheets write ';' where the decimal comma takes ','.
  CsvReader(std::istream& in, std::string file, char delimiter = ',')
      : in_(in), file_(std::move(file)), delimiter_(delimiter) {}
  /// Reads the next row into `fields`; false at the end of input. An
  /// unterminated quote is reported to `diagnostics` and ends the input.
  bool next(std::vector<CsvField>& fields, Diagnostics& diagnostics);
  /// The line the last row started on.
  [[nodiscard]] int row_line() const { return row_line_; }
  /// The delimiter, once the first row is read.
  [[nodiscard]] char delimiter() const { return delimiter_; }

 private:
  std::istream& in_;
  std::string file_;
  int line_ = 1;
  int column_ = 1;
  int row_line_ = 0;
  bool started_ = false;
  char delimiter_;
  std::string pending_;           ///< bytes read ahead: a byte-order mark, the first row
  std::size_t pending_at_ = 0;    ///< the next of them to hand out
  int get();
  int peek();
  void detect_delimiter();
};

}  // namespace dpo::manifest
