#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"

namespace dpo::report {

/// A document for people, written a block at a time as plain text, Markdown
/// or one HTML page (no network); every piece of text is escaped for its
/// format, so a value cannot open a link, a tag or a table cell. Text is
/// written as given: dpokit's own phrases come typeset (l10n::say).
class Letter {
 public:
  /// `format`: "text", "md" or "html".
  Letter(std::string_view format, std::ostream& out);
  /// `css` is added to the page's style sheet (HTML only).
  void begin(const std::string& title, Lang lang, std::string_view css = {});
  void end();
  void heading(int level, const std::string& text);
  void para(const std::string& text);
  void list(const std::vector<std::string>& items);
  void table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows);

 private:
  enum class Kind { text, md, html } kind_;
  std::ostream& out_;
  Lang lang_ = Lang::en;
  [[nodiscard]] std::string md(const std::string& text) const;
  [[nodiscard]] std::string html(const std::string& text) const;
};

}  // namespace dpo::report
