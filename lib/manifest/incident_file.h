#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "model/breach.h"
#include "model/register.h"
#include "time/instant.h"

namespace dpo::manifest {

/// Parses and validates an incident file (docs/design.md 2.4) against the
/// register its activities and data categories must name; bare dates are
/// midnight in `zone`. Gathers every problem, then throws InputError naming
/// each file:line:column; never touches a store.
[[nodiscard]] model::Incident parse_incident(std::string_view yaml_text, const std::string& file_name,
                                             const model::Register& reg, const Zone& zone);

/// Reads `path` ("-" for standard input) and parses it.
[[nodiscard]] model::Incident load_incident(const std::filesystem::path& path, const model::Register& reg,
                                            const Zone& zone);

}  // namespace dpo::manifest
