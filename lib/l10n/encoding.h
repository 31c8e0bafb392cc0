#pragma once

#include <string>
#include <string_view>

/// Text in the encodings spreadsheets and CRMs export, made UTF-8.
namespace dpo::l10n {

/// `bytes` read as Windows-1252 (what French Excel and many CRMs write
/// without being asked), as UTF-8: "T\xe9l\xe9phone" gives "Téléphone".
/// Through ICU's converter, so the five bytes Windows-1252 leaves undefined
/// become U+FFFD rather than being guessed.
[[nodiscard]] std::string from_windows_1252(std::string_view bytes);

}  // namespace dpo::l10n
