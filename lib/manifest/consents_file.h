#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/error.h"
#include "manifest/records.h"
#include "model/consent.h"
#include "model/register.h"

namespace dpo::manifest {

/// One consent event read from a file, with the line it came from.
struct ConsentRecord {
  model::ConsentEvent event;
  Location where;
};

/// Streams a consent events file (docs/design.md 2.3; JSON Lines or CSV), checking
/// each event's syntax and its purpose against the register; a record with a
/// problem is reported and skipped. Whether its subject exists, and whether a
/// minor's consent carries the parental co-signature, the caller checks
/// against the store.
class ConsentReader {
 public:
  ConsentReader(const std::filesystem::path& path, RecordFormat format, const model::Register& reg, const Zone& zone,
                Diagnostics& diagnostics);
  ~ConsentReader();
  ConsentReader(const ConsentReader&) = delete;
  ConsentReader& operator=(const ConsentReader&) = delete;

  bool next(ConsentRecord& out);
  [[nodiscard]] const std::string& name() const;
  /// The file's size and how much of it was read (0 and 0 for standard input).
  [[nodiscard]] long long size() const;
  [[nodiscard]] long long position();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Splits a CSV list cell ("a; b;c") into its trimmed items.
[[nodiscard]] std::vector<std::string> split_list(const std::string& cell);

}  // namespace dpo::manifest
