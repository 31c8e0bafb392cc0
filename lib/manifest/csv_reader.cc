#include "manifest/csv_reader.h"

namespace dpo::manifest {

bool CsvReader::next(std::vector<CsvField>& fields, Diagnostics& diagnostics) {
  fields.clear();
  if (!started_) {
    started_ = true;
    if (in_.peek() == 0xEF) {
      char bom[3];
      in_.read(bom, 3);
    }
  }
  if (in_.peek() == std::char_traits<char>::eof()) return false;
  row_line_ = line_;
  CsvField field{{}, line_, column_};
  bool quoted = false;
  bool was_quoted = false;
  while (true) {
    int c = in_.get();
    if (c == std::char_traits<char>::eof()) {
      if (quoted) {
        diagnostics.add(Location{file_, field.line, field.column}, "unterminated quoted CSV cell",
                        "close it with '\"'");
        fields.clear();
        return false;
      }
      fields.push_back(std::move(field));
      return true;
    }
    ++column_;
    if (quoted) {
      if (c == '"') {
        if (in_.peek() == '"') {
          in_.get();
          ++column_;
          field.text += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') {
          ++line_;
          column_ = 1;
        }
        field.text += static_cast<char>(c);
      }
      continue;
    }
    if (c == '"' && field.text.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field = CsvField{{}, line_, column_};
      was_quoted = false;
    } else if (c == '\r' && in_.peek() == '\n') {
      // the \n ends the row on the next turn
    } else if (c == '\n') {
      ++line_;
      column_ = 1;
      fields.push_back(std::move(field));
      return true;
    } else {
      field.text += static_cast<char>(c);
    }
  }
}

}  // namespace dpo::manifest
