#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Phone numbers through libphonenumber (Google's metadata, as Debian ships
/// it): however a number is written, one form to store and to look up.
namespace dpo::l10n {

/// The number `written` in E.164 ("+33623456789"), reading a number written
/// without its country code ("06 23 45 67 89", "0623456789") as one of
/// `region` (ISO 3166-1 alpha-2, the controller's country); nullopt when it
/// is not a valid number there: too short or long, a range no operator was
/// given, a national number of another territory ("0692 ..." is Réunion's,
/// +262, not a French +33 number), or written with a letter (an extension,
/// a keypad word).
[[nodiscard]] std::optional<std::string> phone_e164(std::string_view written, std::string_view region);

/// A stored E.164 number as people read it, grouped in the international
/// format ("+33 6 23 45 67 89"); `e164` as it is when it does not parse.
[[nodiscard]] std::string phone_readable(std::string_view e164);

/// The forms the store kept a number in before it stored E.164 (its digits
/// and a leading '+'): the E.164 form itself and, for a number of `region`,
/// its national digits ("0623456789"). Keyed hashes made then (erasure
/// suppression lists) are matched through them.
[[nodiscard]] std::vector<std::string> phone_legacy_forms(const std::string& e164, std::string_view region);

/// The form the store kept `written` in before E.164: its digits, and a '+'
/// if it began with one.
[[nodiscard]] std::string phone_digits(std::string_view written);

}  // namespace dpo::l10n
