#include "l10n/format.h"

#include <date/tz.h>
#include <unicode/locid.h>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>
#include <unicode/plurrule.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include <memory>

#include "base/error.h"

namespace dpo::l10n {

namespace {

icu::Locale locale(Lang lang) { return lang == Lang::fr ? icu::Locale("fr", "FR") : icu::Locale("en", "GB"); }

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// ICU fails only when its data is missing, which is an installation fault.
void check(UErrorCode status, std::string_view what) {
  if (U_FAILURE(status))
    throw Error(ExitCode::internal, fmt::format("ICU cannot format {} ({}): is libicu installed?", what, u_errorName(status)));
}

// The local calendar fields written as a UTC instant, for a formatter set to
// UTC: the zone's rules stay with the date library, which knows them.
std::string format_fields(date::local_seconds fields, const char* pattern, Lang lang) {
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat f(icu::UnicodeString::fromUTF8(pattern), locale(lang), status);
  check(status, "a date");
  f.adoptTimeZone(icu::TimeZone::getGMT()->clone());
  icu::UnicodeString out;
  f.format(static_cast<UDate>(fields.time_since_epoch().count()) * 1000.0, out);
  return utf8(out);
}

const char* date_pattern(Date d, Lang lang) {
  if (lang == Lang::en) return "d MMMM y";
  return d.day() == date::day{1} ? "d'er' MMMM y" : "d MMMM y";
}

// CLDR puts a no-break space before the French percent sign and a narrow
// one between thousands; French typography wants the narrow one in both.
std::string format_number(const icu::number::LocalizedNumberFormatter& f, double value, bool whole) {
  UErrorCode status = U_ZERO_ERROR;
  icu::number::FormattedNumber n =
      whole ? f.formatInt(static_cast<int64_t>(value), status) : f.formatDouble(value, status);
  icu::UnicodeString s = n.toString(status);
  check(status, "a number");
  s.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00A0)), icu::UnicodeString(static_cast<UChar>(0x202F)));
  return utf8(s);
}

bool is_space(std::string_view text, std::size_t end) { return end > 0 && text[end - 1] == ' '; }

bool ends_with_narrow_or_nbsp(const std::string& out) {
  return out.ends_with(kNarrowSpace) || out.ends_with("\u00A0");
}

}  // namespace

std::string long_date(Date d, Lang lang) {
  return format_fields(date::local_days(d), date_pattern(d, lang), lang);
}

std::string long_datetime(Instant t, const Zone& zone, Lang lang) {
  Date day = local_date(t, zone);
  date::local_seconds fields{t.time_since_epoch()};
  date::local_seconds local = zone.tz()->to_local(t);
  if (date::year_month_day(date::floor<date::days>(local)) == day) fields = local;
  std::string when = format_fields(fields, lang == Lang::fr ? "H 'h' mm" : "HH:mm", lang);
  return long_date(day, lang) + (lang == Lang::fr ? " à " : " at ") + when;
}

std::string decimal(double value, int places, Lang lang) {
  auto f = icu::number::NumberFormatter::withLocale(locale(lang))
               .precision(icu::number::Precision::fixedFraction(places));
  return format_number(f, value, false);
}

std::string count(long long value, Lang lang) {
  return format_number(icu::number::NumberFormatter::withLocale(locale(lang)), static_cast<double>(value), true);
}

std::string percent(double share, int places, Lang lang) {
  auto f = icu::number::NumberFormatter::withLocale(locale(lang))
               .unit(icu::MeasureUnit::getPercent())
               .scale(icu::number::Scale::powerOfTen(2))
               .precision(icu::number::Precision::fixedFraction(places));
  return format_number(f, share, false);
}

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  for (std::size_t w = display_width(text); w < width; ++w) out += ' ';
  return out;
}

std::string listed_time(Instant t, const Zone& zone, Lang lang) {
  return lang == Lang::fr ? long_date(local_date(t, zone), lang) : format_local(t, zone);
}

std::string listed_date(Date d, Lang lang) { return lang == Lang::fr ? long_date(d, lang) : format_date(d); }

std::string country_name(std::string_view code, Lang lang) {
  icu::Locale region("", std::string(code).c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(locale(lang), name);
  // ICU echoes a region it has no name for: that is the code itself.
  return name.isEmpty() ? std::string(code) : utf8(name);
}

std::string gdpr_article(std::string_view article, Lang lang) {
  if (lang == Lang::en) return "Art. " + std::string(article);
  // "6(1)(b)" becomes "6.1.b": each parenthesised part after a dot.
  std::string out = "art. ";
  for (char c : article) {
    if (c == '(')
      out += '.';
    else if (c != ')')
      out += c;
  }
  return out + " du RGPD";
}

std::string counted(long long value, const Phrase& one, const Phrase& other, Lang lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale(lang), status));
  check(status, "a plural");
  bool singular = rules->select(static_cast<int32_t>(std::min<long long>(value, INT32_MAX))) == UNICODE_STRING_SIMPLE("one");
  return count(value, lang) + " " + std::string((singular ? one : other).in(lang));
}

std::string quoted(std::string_view text, Lang lang) {
  return lang == Lang::fr ? "\u00ab\u202f" + std::string(text) + "\u202f\u00bb" : "\u201c" + std::string(text) + "\u201d";
}

std::string typeset(std::string_view text, Lang lang) {
  if (lang != Lang::fr) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  auto is_mark = [](char c) { return c == ':' || c == ';' || c == '?' || c == '!'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool before_break = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
    bool after_digit = !out.empty() && out.back() >= '0' && out.back() <= '9';
    if (is_mark(c) || c == '%') {
      if (is_space(out, out.size())) {
        // "a : b" and "33 %": the plain space becomes the narrow one.
        bool keep = c == '%' && !(out.size() >= 2 && out[out.size() - 2] >= '0' && out[out.size() - 2] <= '9');
        if (!keep) {
          out.pop_back();
          out += kNarrowSpace;
        }
      } else if (!out.empty() && !ends_with_narrow_or_nbsp(out) && out.back() != '\n' && !is_mark(out.back()) &&
                 (c == '%' ? after_digit : before_break)) {
        // "correction:" and "33%": the space French wants is added.
        out += kNarrowSpace;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace dpo::l10n
