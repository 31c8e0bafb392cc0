#include "report/escape.h"

namespace dpo::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    bool leading = out.empty() && std::string_view("#+-=").find(c) != std::string_view::npos;
    if (leading || std::string_view("\\`*_[]<>|&~!").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace dpo::report
