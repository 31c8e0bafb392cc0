#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "base/lang.h"
#include "model/proof.h"

/// What the tamper checks print: `dpo consent verify`, `dpo purge verify`
/// and the anchors of both (docs/design.md 4).
namespace dpo::report {

/// The consent ledger's check: text (one line, in `lang` when the ledger
/// holds; what broke it in English, as a diagnostic) or json.
void render_ledger_check(const model::LedgerCheck& check, std::string_view format, Lang lang, std::ostream& out);

/// The deletion log's check: text (one line, as the ledger's) or json.
void render_log_check(const model::DeletionLogCheck& check, std::string_view format, Lang lang, std::ostream& out);

/// An anchor line `N:HASH[:MAC]`: text (the line) or json (the line and its parts).
void render_anchor(const std::string& line, std::string_view format, std::ostream& out);

}  // namespace dpo::report
