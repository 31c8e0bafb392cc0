#pragma once

#include <string>
#include <string_view>

/// Escaping for the documents dpokit writes: a value from the register or
/// the store must never become markup in the reader's viewer.
namespace dpo::report {

/// Text safe inside HTML elements and attributes.
[[nodiscard]] std::string html_escape(std::string_view text);

/// Text that stays text in Markdown, inline or in a table cell: inline
/// punctuation (`\ ` * _ [ ] < > | & ~ !`) and a leading block marker
/// (`# + - =`) escaped with a backslash, line breaks folded into spaces, so a
/// value cannot open a link, a tag, an image or a new table cell.
[[nodiscard]] std::string markdown_escape(std::string_view text);

}  // namespace dpo::report
