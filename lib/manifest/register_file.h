#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "model/register.h"

namespace dpo::manifest {

/// Parses and validates register YAML (docs/design.md 2.1). Gathers every problem,
/// then throws InputError naming each file:line:column; never touches a store.
[[nodiscard]] model::Register parse_register(std::string_view yaml_text, const std::string& file_name);

/// Reads `path` ("-" for standard input) and parses it.
[[nodiscard]] model::Register load_register(const std::filesystem::path& path);

}  // namespace dpo::manifest
