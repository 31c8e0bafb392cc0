#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "model/subject.h"
#include "time/instant.h"

/// What `dpo subject` prints (docs/design.md 2.2).
namespace dpo::report {

/// One subject: text (identifiers, flags, engagements, holdings) or json
/// (one line, a subjects-file line that imports back unchanged).
void render_subject(const model::SubjectView& subject, const Zone& zone, std::string_view format, std::ostream& out);

/// What an import wrote, for the message that ends it.
struct SubjectImport {
  std::string file;
  long long records = 0;
  long long subjects_added = 0, subjects_changed = 0;
  long long holdings_added = 0, holdings_changed = 0;
  long long suppressed = 0;  ///< skipped: erased on request
  long long restored = 0;    ///< erased on request, imported again on purpose
};
[[nodiscard]] std::string subjects_imported(const SubjectImport& import);

}  // namespace dpo::report
