#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/lang.h"

/// What `dpo` itself prints: the store's status, its version, the list of
/// commands (docs/design.md 1).
namespace dpo::report {

/// A store as `dpo status` describes it.
struct StoreStatus {
  std::string path;  ///< absolute
  int schema_version = 0;
  std::optional<std::string> controller;  ///< none before a register is imported
  std::string timezone;
  std::vector<std::pair<std::string, std::int64_t>> tables;  ///< name, rows
};

/// text (aligned lines) or json.
void render_status(const StoreStatus& status, std::string_view format, Lang lang, std::ostream& out);

/// "dpo version 1.0.0 (store schema 11, SQLite 3.40.1)".
[[nodiscard]] std::string version_line(std::string_view version, int schema, std::string_view sqlite);

/// A command and what it does, for the overview.
struct CommandSummary {
  std::string_view name;
  std::string_view summary;
};

/// `dpo help`: the usage line, dpo's own commands, the command families found.
void render_overview(std::string_view usage, std::span<const CommandSummary> builtins,
                     std::span<const CommandSummary> families, std::ostream& out);

/// The messages of `dpo init`.
[[nodiscard]] std::string store_initialised(const std::string& absolute_path, Lang lang);
[[nodiscard]] std::string store_exists(const std::string& path, int schema_version, Lang lang);

}  // namespace dpo::report
