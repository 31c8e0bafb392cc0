#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/error.h"
#include "model/register.h"
#include "manifest/mapping.h"
#include "manifest/records.h"
#include "model/subject.h"

namespace dpo::manifest {

/// One subject read from a file, with the line it came from.
struct SubjectRecord {
  model::Subject subject;
  Location where;
};

/// Streams a subjects file (docs/design.md 2.2) one record at a time, checking each
/// against the register: unknown activities or data categories, a category the
/// activity does not list, bad dates and times, unknown keys or columns. A
/// record with a problem is reported to `diagnostics` and skipped, so that all
/// problems of a file are gathered in one pass. Messages never quote personal
/// data: they name the field and the line. Memory does not grow with the file.
class SubjectReader {
 public:
  /// `path` "-" reads standard input.
  SubjectReader(const std::filesystem::path& path, RecordFormat format, const model::Register& reg,
                const Zone& zone, Diagnostics& diagnostics);
  ~SubjectReader();
  /// A CSV export read through `mapping` (one person a row, each mapped
  /// column a holding); its columns are checked against the mapping first.
  SubjectReader(const std::filesystem::path& path, const Mapping& mapping, const model::Register& reg,
                const Zone& zone, Diagnostics& diagnostics);
  SubjectReader(const SubjectReader&) = delete;
  SubjectReader& operator=(const SubjectReader&) = delete;

  /// The next record without problems; false at the end of the file.
  bool next(SubjectRecord& out);
  /// What read but is written another way now (identifiers of kinds name
  /// and address), one warning each, at its first place: for when the
  /// whole file has been read.
  [[nodiscard]] std::vector<Diagnostic> warnings() const;
  /// The name used in messages: the path, or <stdin>.
  [[nodiscard]] const std::string& name() const;
  /// The file's size and how much of it was read (0 and 0 for standard input).
  [[nodiscard]] long long size() const;
  [[nodiscard]] long long position();
  /// Cells read as Windows-1252 because they were not UTF-8 (a mapping's
  /// automatic encoding), so far.
  [[nodiscard]] long long converted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dpo::manifest
