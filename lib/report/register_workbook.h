#pragma once

#include <filesystem>
#include <optional>

#include "base/lang.h"
#include "model/register.h"
#include "time/instant.h"

/// The record of processing activities as a workbook shaped like the CNIL's
/// register template (docs/design.md 2.1, dpo-register(1)).
namespace dpo::report {

struct WorkbookOptions {
  Lang lang = Lang::en;
  /// The document's creation time: --as-of, else the last register import.
  Instant created;
};

/// Writes the workbook to `file` (a private path: an AtomicFile's): a
/// summary sheet (the controller, the DPO, the representative, one row per
/// activity naming its sheet), then one "Fiche de registre" per activity.
/// `history` dates each record; without it the dates are left blank.
void write_register_workbook(const model::Register& reg, const std::optional<model::RegisterHistory>& history,
                             const WorkbookOptions& options, const std::filesystem::path& file);

}  // namespace dpo::report
