#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "manifest/mapping.h"
#include "manifest/records.h"
#include "model/consent.h"
#include "model/register.h"

namespace dpo::manifest {

/// An event's fields as text, from a file or the command line, before they
/// are typed and checked.
struct ConsentFields {
  std::string subject, purpose, action, at, channel, notice_version, notice_sha256, evidence, recorded_by;
  std::vector<std::string> scope_formats, scope_channels;
  std::string scope_duration, parent_name, parent_evidence;
  bool has_parent = false;
};

/// Where a field's problem points, and how a message names the field
/// ("'notice.sha256'" in a file, "--notice-sha256" on the command line).
struct FieldPlaces {
  std::function<Location(std::string_view field)> where;
  std::function<std::string(std::string_view field)> name;
};

/// The event `fields` describe, typed and checked against the register: the
/// one builder of consent events, for the import reader and for `grant`.
/// Every problem is added to `diagnostics`.
[[nodiscard]] model::ConsentEvent consent_event(const ConsentFields& fields, const model::Register& reg,
                                                const Zone& zone, const FieldPlaces& places,
                                                Diagnostics& diagnostics);

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
  /// A CSV export read through `mapping`: each of its consent columns with an
  /// answer on a row is an event (dpo-mapping(5)).
  ConsentReader(const std::filesystem::path& path, const Mapping& mapping, const model::Register& reg,
                const Zone& zone, Diagnostics& diagnostics);
  /// Consent receipts as `dpo consent receipt` writes them (receipt_file.h):
  /// each event's content must match the id its record gives it.
  struct Receipts {};
  ConsentReader(const std::filesystem::path& path, Receipts, const model::Register& reg, const Zone& zone,
                Diagnostics& diagnostics);
  ConsentReader(const ConsentReader&) = delete;
  ConsentReader& operator=(const ConsentReader&) = delete;

  bool next(ConsentRecord& out);
  [[nodiscard]] const std::string& name() const;
  /// Cells of a CSV export read as Windows-1252 (CsvEncoding::automatic).
  [[nodiscard]] long long converted() const;
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
