#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "base/lang.h"
#include "model/subject.h"
#include "time/instant.h"

/// What `dpo subject` prints (docs/design.md 2.2).
namespace dpo::report {

/// One subject: text (identifiers, flags, engagements, holdings, legal
/// holds) or json (one line, a subjects-file line that imports back
/// unchanged: holds set by `dpo subject hold` are not part of it).
void render_subject(const model::SubjectView& subject, const Zone& zone, std::string_view format, Lang lang,
                    std::ostream& out);

/// "N archived holdings not shown; --archived shows them".
[[nodiscard]] std::string archived_not_shown(long long count, Lang lang);

/// What a legal hold covers: "everything held", "ACTIVITY", "ACTIVITY/CATEGORY"
/// or "CATEGORY in every activity".
[[nodiscard]] std::string hold_scope(const model::LegalHold& hold, Lang lang = Lang::en);
/// "legal hold set on SCOPE, until TIME" (or "until released").
[[nodiscard]] std::string hold_set(const model::LegalHold& hold, const Zone& zone, Lang lang);
/// "released legal hold ID".
[[nodiscard]] std::string hold_released(std::int64_t id, Lang lang);

/// What an import wrote, for the message that ends it.
struct SubjectImport {
  std::string file;
  long long records = 0;
  long long subjects_added = 0, subjects_changed = 0;
  long long holdings_added = 0, holdings_changed = 0;
  long long suppressed = 0;  ///< skipped: erased on request
  long long restored = 0;    ///< erased on request, imported again on purpose
  long long objected = 0;    ///< holdings left out: serving only purposes their person objected to
  long long shared = 0;      ///< identifiers left with the other subject that has them
};
[[nodiscard]] std::string subjects_imported(const SubjectImport& import, Lang lang);

}  // namespace dpo::report
