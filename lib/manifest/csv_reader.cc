#include "manifest/csv_reader.h"

#include "manifest/limits.h"

namespace dpo::manifest {

bool CsvReader::next(std::vector<CsvField>& fields, Diagnostics& diagnostics) {
  fields.clear();
  if (!started_) {
    started_ = true;
    // A UTF-8 byte-order mark (spreadsheets write one) is skipped; other
    // first bytes are read again (standard input cannot seek back).
    for (char expected : std::string_view("\xEF\xBB\xBF")) {
      if (in_.peek() != static_cast<unsigned char>(expected)) break;
      pending_ += static_cast<char>(in_.get());
    }
    if (pending_ == "\xEF\xBB\xBF") pending_.clear();
    if (delimiter_ == 0) detect_delimiter();
  }
  if (peek() == std::char_traits<char>::eof()) return false;
  row_line_ = line_;
  CsvField field{{}, line_, column_};
  bool quoted = false;
  bool was_quoted = false;
  bool stray_reported = false;
  std::size_t bytes = 0;
  while (true) {
    int c = get();
    if (++bytes > kMaxLineBytes) {
      diagnostics.add(Location{file_, row_line_, 1}, std::string("record longer than ") + kMaxLineText,
                      "is a quote left open?");
      fields.clear();
      return false;
    }
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
        if (peek() == '"') {
          get();
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
    } else if (was_quoted && c != delimiter_ && c != '\r' && c != '\n') {
      // RFC 4180: a quoted cell ends at its closing quote. Text after it
      // ("news"letter) is a cell quoted by mistake, never read as meant.
      if (!stray_reported) {
        diagnostics.add(Location{file_, line_, column_ - 1}, "text after the closing quote of a CSV cell",
                        "quote the whole cell and double each quote in it, like \"a \"\"b\"\" c\"");
        stray_reported = true;
      }
      field.text += static_cast<char>(c);
    } else if (c == delimiter_) {
      fields.push_back(std::move(field));
      field = CsvField{{}, line_, column_};
      was_quoted = false;
    } else if (c == '\r' && peek() == '\n') {
      // the \n ends the row on the next turn
    } else if (c == '\n' || c == '\r') {  // LF, or CR alone as old Mac files end lines
      ++line_;
      column_ = 1;
      fields.push_back(std::move(field));
      return true;
    } else {
      field.text += static_cast<char>(c);
    }
  }
}

void CsvReader::detect_delimiter() {
  // The first row, read ahead (it is handed out again by get()).
  while (pending_.size() <= kMaxLineBytes) {
    int c = in_.get();
    if (c == std::char_traits<char>::eof()) break;
    pending_ += static_cast<char>(c);
    if (c == '\n') break;
  }
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : pending_) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  delimiter_ = semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
}

int CsvReader::get() {
  if (pending_at_ == pending_.size()) return in_.get();
  int c = static_cast<unsigned char>(pending_[pending_at_++]);
  if (pending_at_ == pending_.size()) {
    pending_.clear();
    pending_at_ = 0;
  }
  return c;
}

int CsvReader::peek() {
  return pending_at_ == pending_.size() ? in_.peek() : static_cast<unsigned char>(pending_[pending_at_]);
}

}  // namespace dpo::manifest
