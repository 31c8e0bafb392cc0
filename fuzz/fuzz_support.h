#pragma once

// What the fuzz targets share: the example register, a zone, and a scratch
// file for the readers that take a path. A target returns normally for input
// dpokit refuses (dpo::Error, exit 3 in the programs); any other exception,
// crash or sanitizer report is a finding.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "base/error.h"
#include "manifest/register_file.h"
#include "model/register.h"
#include "time/instant.h"

namespace dpo::fuzz {

inline const model::Register& example_register() {
  static const model::Register reg =
      manifest::load_register(std::filesystem::path(DPO_SOURCE_DIR) / "examples/training-org/register.yaml").reg;
  return reg;
}

inline const Zone& paris() {
  static const Zone zone = *Zone::find("Europe/Paris");
  return zone;
}

/// The input as a file, for readers that stream from a path.
inline std::filesystem::path as_file(const uint8_t* data, size_t size) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("dpo-fuzz-" + std::to_string(::getpid()));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

inline std::string_view text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace dpo::fuzz
