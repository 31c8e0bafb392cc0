// libFuzzer target: the subjects and consents importers, JSON Lines and CSV,
// and consent receipts read back. The first byte picks the reader and the
// format; the rest is the file.
#include "fuzz_support.h"
#include "manifest/consents_file.h"
#include "manifest/subjects_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const dpo::model::Register& reg = dpo::fuzz::example_register();
  auto format = (data[0] & 1) ? dpo::manifest::RecordFormat::csv : dpo::manifest::RecordFormat::jsonl;
  bool consents = (data[0] & 2) != 0;
  std::filesystem::path file = dpo::fuzz::as_file(data + 1, size - 1);
  dpo::Diagnostics diagnostics;
  try {
    if (data[0] & 4) {
      dpo::manifest::ConsentReader reader(file, dpo::manifest::ConsentReader::Receipts{}, reg, dpo::fuzz::paris(),
                                          diagnostics);
      dpo::manifest::ConsentRecord record;
      while (reader.next(record)) {
      }
    } else if (consents) {
      dpo::manifest::ConsentReader reader(file, format, reg, dpo::fuzz::paris(), diagnostics);
      dpo::manifest::ConsentRecord record;
      while (reader.next(record)) {
      }
    } else {
      dpo::manifest::SubjectReader reader(file, format, reg, dpo::fuzz::paris(), diagnostics);
      dpo::manifest::SubjectRecord record;
      while (reader.next(record)) {
      }
    }
  } catch (const dpo::Error&) {
  }
  for (const dpo::Diagnostic& d : diagnostics.items())
    if (d.where.line <= 0) __builtin_trap();  // every problem of a record file names its line
  return 0;
}
