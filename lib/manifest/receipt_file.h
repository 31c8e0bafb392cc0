#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/error.h"
#include "manifest/consents_file.h"

namespace dpo::manifest {

/// One event of a consent receipt, as its fields, before it is typed and
/// checked, with the id its record gives it.
struct ReceiptEventFields {
  ConsentFields fields;
  std::string id;  ///< the id the record states; the import checks the event's content against it
  FieldPlaces places;
};

/// Reads consent receipts as `dpo consent receipt` writes them
/// (docs/design.md 2.5): one record as printed, or
/// JSON Lines with one a line. A record whose `format` is not dpokit's, or
/// whose `@context` maps a key the import reads to another term than
/// dpokit's, is reported whole, so that no event is read with another
/// meaning; so is a key the import would have no place for.
class ReceiptFile {
 public:
  ReceiptFile(const std::filesystem::path& path, Diagnostics& diagnostics);
  ~ReceiptFile();
  ReceiptFile(const ReceiptFile&) = delete;
  ReceiptFile& operator=(const ReceiptFile&) = delete;

  /// The next event of the file's records; false at the end.
  bool next(ReceiptEventFields& out);
  [[nodiscard]] const std::string& name() const;
  [[nodiscard]] long long size() const;
  [[nodiscard]] long long position() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dpo::manifest
