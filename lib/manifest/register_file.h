#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/register.h"

namespace dpo::manifest {

/// A register read from a file, with what in it still reads but is
/// deprecated: a register valid before a change stays valid, and says how to
/// write it now.
struct RegisterFile {
  model::Register reg;
  std::vector<Diagnostic> warnings;
};

/// Whether `id` may name an entry of the register: ASCII letters, digits,
/// '.', '_' and '-', starting with a letter or digit.
[[nodiscard]] bool valid_id(const std::string& id);

/// Parses and validates register YAML (docs/design.md 2.1). Gathers every problem,
/// then throws InputError naming each file:line:column; never touches a store.
[[nodiscard]] RegisterFile read_register(std::string_view yaml_text, const std::string& file_name);
/// read_register() without the warnings.
[[nodiscard]] model::Register parse_register(std::string_view yaml_text, const std::string& file_name);

/// Reads `path` ("-" for standard input) and parses it.
[[nodiscard]] RegisterFile load_register(const std::filesystem::path& path);

}  // namespace dpo::manifest
