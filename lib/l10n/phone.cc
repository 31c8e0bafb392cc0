#include "l10n/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

namespace dpo::l10n {

namespace pn = i18n::phonenumbers;

namespace {

const pn::PhoneNumberUtil& util() { return *pn::PhoneNumberUtil::GetInstance(); }

}  // namespace

std::optional<std::string> phone_e164(std::string_view written, std::string_view region) {
  // libphonenumber reads letters as keypad digits (1-800-FLOWERS) and drops
  // extensions ("ext 5", a stray "x"): neither is a number a person is
  // reached at, so a written letter is refused rather than guessed around.
  if (std::any_of(written.begin(), written.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  pn::PhoneNumber number;
  if (util().Parse(std::string(written), std::string(region), &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR)
    return std::nullopt;
  if (!util().IsValidNumber(number)) return std::nullopt;
  std::string out;
  util().Format(number, pn::PhoneNumberUtil::E164, &out);
  return out;
}

std::string phone_digits(std::string_view written) {
  std::string out;
  for (char c : written) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      out += c;
    else if (c == '+' && out.empty())
      out += c;
  }
  return out;
}

std::string phone_readable(std::string_view e164) {
  pn::PhoneNumber number;
  if (util().Parse(std::string(e164), "ZZ", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR) return std::string(e164);
  std::string out;
  util().Format(number, pn::PhoneNumberUtil::INTERNATIONAL, &out);
  return out;
}

std::vector<std::string> phone_legacy_forms(const std::string& e164, std::string_view region) {
  std::vector<std::string> out{e164};
  pn::PhoneNumber number;
  if (util().Parse(e164, std::string(region), &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR) return out;
  std::string code;
  util().GetRegionCodeForNumber(number, &code);
  if (code != region) return out;
  std::string national;
  util().Format(number, pn::PhoneNumberUtil::NATIONAL, &national);
  if (std::string digits = phone_digits(national); !digits.empty() && digits != e164) out.push_back(digits);
  return out;
}

}  // namespace dpo::l10n
