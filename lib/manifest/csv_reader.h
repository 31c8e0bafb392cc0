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

/// Streams RFC 4180 rows (quoted cells may hold commas, quotes and line
/// breaks; CRLF or LF; a UTF-8 byte-order mark is skipped), one row at a time.
class CsvReader {
 public:
  CsvReader(std::istream& in, std::string file) : in_(in), file_(std::move(file)) {}
  /// Reads the next row into `fields`; false at the end of input. An
  /// unterminated quote is reported to `diagnostics` and ends the input.
  bool next(std::vector<CsvField>& fields, Diagnostics& diagnostics);
  /// The line the last row started on.
  [[nodiscard]] int row_line() const { return row_line_; }

 private:
  std::istream& in_;
  std::string file_;
  int line_ = 1;
  int column_ = 1;
  int row_line_ = 0;
  bool started_ = false;
  std::string pending_;  ///< bytes read ahead, looking for a byte-order mark
  int get();
  int peek();
};

}  // namespace dpo::manifest
