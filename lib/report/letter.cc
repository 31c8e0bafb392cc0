#include "report/letter.h"

#include <algorithm>

#include "report/escape.h"

namespace dpo::report {

Letter::Letter(std::string_view format, std::ostream& out)
    : kind_(format == "html" ? Kind::html : format == "md" ? Kind::md : Kind::text), out_(out) {}

void Letter::begin(const std::string& title, Lang lang, std::string_view css) {
  lang_ = lang;
  if (kind_ != Kind::html) return;
  out_ << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::fr ? "fr" : "en") << "\">\n<head>\n"
       << "<meta charset=\"utf-8\">\n<title>" << html(title) << "</title>\n"
       << "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.4}"
          "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;"
          "text-align:left;vertical-align:top}th{background:#eee}"
       << css << "</style>\n</head>\n<body>\n";
}

void Letter::end() {
  if (kind_ == Kind::html) out_ << "</body>\n</html>\n";
}

void Letter::heading(int level, const std::string& text) {
  switch (kind_) {
    case Kind::html: out_ << "<h" << level << ">" << html(text) << "</h" << level << ">\n"; break;
    case Kind::md: out_ << std::string(static_cast<std::size_t>(level), '#') << " " << md(text) << "\n\n"; break;
    case Kind::text: {
      // Underlined, as in a plain-text email: '=' for the title, '-' below.
      std::string line = md(text);
      std::size_t width = 0;
      for (unsigned char c : line) width += (c & 0xC0) != 0x80;  // code points, not bytes
      out_ << line << "\n" << std::string(width, level == 1 ? '=' : '-') << "\n\n";
      break;
    }
  }
}

void Letter::para(const std::string& text) {
  if (kind_ == Kind::html)
    out_ << "<p>" << html(text) << "</p>\n";
  else
    out_ << md(text) << "\n\n";
}

void Letter::list(const std::vector<std::string>& items) {
  if (items.empty()) return;
  if (kind_ == Kind::html) {
    out_ << "<ul>\n";
    for (const std::string& i : items) out_ << "<li>" << html(i) << "</li>\n";
    out_ << "</ul>\n";
    return;
  }
  for (const std::string& i : items) out_ << "- " << md(i) << "\n";
  out_ << "\n";
}

void Letter::table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
  if (kind_ == Kind::html) {
    out_ << "<table>\n<tr>";
    for (const std::string& h : head) out_ << "<th>" << html(h) << "</th>";
    out_ << "</tr>\n";
    for (const auto& row : rows) {
      out_ << "<tr>";
      for (const std::string& c : row) out_ << "<td>" << html(c) << "</td>";
      out_ << "</tr>\n";
    }
    out_ << "</table>\n";
    return;
  }
  if (kind_ == Kind::text) {
    // One line a row, "head: value" pairs: readable without a fixed width.
    for (const auto& row : rows) {
      std::string line;
      for (std::size_t i = 0; i < row.size() && i < head.size(); ++i)
        line += (i ? "; " : "") + head[i] + ": " + row[i];
      out_ << "- " << md(line) << "\n";
    }
    out_ << "\n";
    return;
  }
  out_ << "|";
  for (const std::string& h : head) out_ << " " << md(h) << " |";
  out_ << "\n|";
  for (std::size_t i = 0; i < head.size(); ++i) out_ << "---|";
  out_ << "\n";
  for (const auto& row : rows) {
    out_ << "|";
    for (const std::string& c : row) out_ << " " << md(c) << " |";
    out_ << "\n";
  }
  out_ << "\n";
}

// Markdown escaped in Markdown; line breaks folded in text too, so a value
// stays on its line.
std::string Letter::md(const std::string& text) const {
  if (kind_ == Kind::md) return markdown_escape(text);
  std::string out = text;
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string Letter::html(const std::string& text) const { return html_escape(text); }

}  // namespace dpo::report
