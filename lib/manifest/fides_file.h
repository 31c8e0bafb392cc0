#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "model/register.h"

namespace dpo::manifest {

/// What a register needs of its controller and Fides manifests do not say:
/// from the command line (docs/design.md 2.6).
struct FidesController {
  std::string name;  ///< used when no organization gives one
  std::string country;
  std::string timezone;
  std::string language = "en";
};

/// One manifest: the name messages give it, and its text.
struct FidesManifest {
  std::string name;
  std::string text;
};

/// A register made from Fides manifests, and the notes a DPO must read: each
/// manifest field that had no place in the register, each key read as a kind
/// of a known one, with its file:line:column. Nothing is dropped unsaid.
struct FidesImport {
  model::Register reg;
  std::vector<Diagnostic> notes;
};

/// Maps fideslang manifests (systems, their privacy declarations, the
/// organization, custom taxonomy entries) to a register: one activity per
/// privacy declaration. Gathers every problem of every manifest, then throws
/// InputError naming each file:line:column; never touches a store. `input`
/// names them all (the directory), for what no one manifest holds.
[[nodiscard]] FidesImport read_fides(const std::vector<FidesManifest>& manifests, const FidesController& controller,
                                     const std::string& input);

/// Reads `path`: a YAML file, "-" for standard input, or a directory whose
/// .yml and .yaml files are read in name order.
[[nodiscard]] FidesImport load_fides(const std::filesystem::path& path, const FidesController& controller);

}  // namespace dpo::manifest
