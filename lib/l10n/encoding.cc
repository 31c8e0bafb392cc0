#include "l10n/encoding.h"

#include <unicode/unistr.h>

namespace dpo::l10n {

std::string from_windows_1252(std::string_view bytes) {
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), "windows-1252");
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace dpo::l10n
