#include "time/instant.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <cctype>

#include "base/strings.h"

namespace dpo {

Zone::Zone() : tz_(date::locate_zone("UTC")) {}

Parsed<Zone> Zone::find(std::string_view name) {
  // The machine's zone: results would depend on where dpokit runs.
  if (name == "localtime" || name == "posixrules")
    return Parsed<Zone>::failure("time zone '" + std::string(name) + "' is the machine's; name one, like Europe/Paris");
  try {
    return Zone(date::locate_zone(name));
  } catch (const std::runtime_error&) {
    return Parsed<Zone>::failure("unknown time zone" + quoted_id(name));
  }
}

std::string Zone::name() const { return std::string(tz_->name()); }

Instant from_unix(long long seconds) { return Instant{std::chrono::seconds{seconds}}; }
long long to_unix(Instant t) { return t.time_since_epoch().count(); }

namespace {

// Reads exactly `width` digits at `pos`; false if any is missing.
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

constexpr const char* kDateShape = "expected a date YYYY-MM-DD";
constexpr const char* kInstantShape =
    "expected an RFC 3339 time like 2026-05-29T16:00:00+02:00 or a date YYYY-MM-DD";

}  // namespace

Parsed<Date> parse_date(std::string_view text) {
  Parsed<Date> date = parse_stored_date(text);
  if (date && !within_years(*date)) return Parsed<Date>::failure("a year from 1900 to 9999");
  return date;
}

Parsed<Date> parse_stored_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || !digits(text, 0, 4, y) || text[4] != '-' || !digits(text, 5, 2, m) || text[7] != '-' ||
      !digits(text, 8, 2, d))
    return Parsed<Date>::failure(kDateShape);
  Date date{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return Parsed<Date>::failure("no such day in the calendar");
  return date;
}

bool within_years(Date d) {
  int y = int(date::year_month_day{d}.year());
  return y >= kFirstYear && y <= kLastYear;
}

bool within_years(Instant t) { return within_years(Date{date::floor<date::days>(t)}); }

Instant last_instant() {
  return date::sys_days{date::year{kLastYear} / 12 / 31} + std::chrono::hours(24) - std::chrono::seconds(1);
}

Parsed<Instant> parse_instant(std::string_view text, const Zone& zone) {
  if (text.size() == 10) {
    Parsed<Date> day = parse_date(text);
    if (!day) return Parsed<Instant>::failure(day.error() == kDateShape ? kInstantShape : day.error());
    return start_of_day(*day, zone);
  }
  Parsed<Date> day = parse_date(text.substr(0, 10));
  if (!day) return Parsed<Instant>::failure(day.error() == kDateShape ? kInstantShape : day.error());
  int hh = 0, mm = 0, ss = 0;
  if (text.size() < 19 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, hh) ||
      text[13] != ':' || !digits(text, 14, 2, mm) || text[16] != ':' || !digits(text, 17, 2, ss))
    return Parsed<Instant>::failure(kInstantShape);
  if (hh > 23 || mm > 59 || ss > 59) return Parsed<Instant>::failure("no such time of day");
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start) return Parsed<Instant>::failure(kInstantShape);
  }
  if (pos == text.size())
    return Parsed<Instant>::failure("a time needs its offset from UTC, like Z or +02:00");
  int offset_minutes = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0, om = 0;
    if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, om) || oh > 23 || om > 59)
      return Parsed<Instant>::failure("expected an offset like Z or +02:00");
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return Parsed<Instant>::failure(kInstantShape);
  }
  if (pos != text.size()) return Parsed<Instant>::failure(kInstantShape);
  using namespace std::chrono;
  Instant t = Instant{date::sys_days{*day}} + hours{hh} + minutes{mm} + seconds{ss} - minutes{offset_minutes};
  if (!within_years(t)) return Parsed<Instant>::failure("a year from 1900 to 9999");
  return t;
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" of a time on some clock, written with fmt rather
// than iostreams, which throw past year 9999. A time past 9999 (a store
// written by an older dpokit may hold one) prints as the last instant, as
// add() holds a deadline there: never with five digits.
std::string date_time(std::chrono::seconds since_epoch) {
  date::sys_seconds t{std::min(since_epoch, last_instant().time_since_epoch())};
  date::sys_days day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> time{t - day};
  if (int(ymd.year()) < 0)  // never written by dpokit; kept readable if ever stored
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int(ymd.year()), unsigned(ymd.month()),
                       unsigned(ymd.day()), time.hours().count(), time.minutes().count(), time.seconds().count());
  // Written digit by digit: the ledger's check formats one an event.
  char text[] = "0000-00-00T00:00:00";
  auto put = [&text](int at, long long value, int width) {
    for (int i = at + width - 1; i >= at; --i, value /= 10) text[i] = static_cast<char>('0' + value % 10);
  };
  put(0, int(ymd.year()), 4);
  put(5, unsigned(ymd.month()), 2);
  put(8, unsigned(ymd.day()), 2);
  put(11, time.hours().count(), 2);
  put(14, time.minutes().count(), 2);
  put(17, time.seconds().count(), 2);
  return std::string(text, sizeof text - 1);
}

}  // namespace

std::string format_utc(Instant t) { return date_time(t.time_since_epoch()) + "Z"; }

std::string format_local(Instant t, const Zone& zone) {
  std::chrono::seconds offset = zone.tz()->get_info(t).offset;
  // Where the zone's clock would read a year outside 1900-9999 (the last
  // hours of 9999 east of Greenwich), the same instant in UTC.
  if (!within_years(t + offset)) return format_utc(t);
  long long minutes = offset.count() / 60;
  long long magnitude = minutes < 0 ? -minutes : minutes;
  return date_time(t.time_since_epoch() + offset) +
         fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::string format_date(Date d) {
  // A day past 9999 as the last one, as date_time() does.
  date::year_month_day ymd{std::min(d, Date{date::year{kLastYear} / 12 / 31})};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

Date local_date(Instant t, const Zone& zone) {
  auto local = date::make_zoned(zone.tz(), t).get_local_time();
  Date day{date::floor<date::days>(local)};
  // As format_local: a local day outside 1900-9999 is the UTC day.
  return within_years(day) ? day : Date{date::floor<date::days>(t)};
}

int age_at(Date birth, Instant t, const Zone& zone) {
  Date today = local_date(t, zone);
  int years = static_cast<int>(today.year()) - static_cast<int>(birth.year());
  if (date::month_day{today.month(), today.day()} < date::month_day{birth.month(), birth.day()}) --years;
  return years;
}

Instant start_of_day(Date d, const Zone& zone) {
  date::local_seconds midnight{date::local_days{d}};
  auto info = zone.tz()->get_info(midnight);
  if (info.result == date::local_info::nonexistent) return info.first.end;
  return zone.tz()->to_sys(midnight, date::choose::earliest);
}

}  // namespace dpo
