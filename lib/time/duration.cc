#include "time/duration.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <limits>

namespace dpo {

namespace {
constexpr const char* kShape = "expected an ISO 8601 duration like P3Y, P13M, P30D or PT72H";
constexpr long long kMaxYears = 1000;  ///< no retention, validity or proof period comes near it
constexpr const char* kTooLong = "duration too long (at most 1000 years)";
}  // namespace

Parsed<Duration> Duration::parse(std::string_view text) {
  if (text.size() < 3 || text[0] != 'P') return Parsed<Duration>::failure(kShape);
  Duration d;
  bool in_time = false;
  bool any = false;
  // Designators must come in this order, each at most once.
  std::string_view order = "YMWDTHMS";
  std::size_t last = 0;  // position in `order` after the previous designator
  std::size_t pos = 1;
  long long years = 0, months = 0, days = 0, secs = 0;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (in_time || pos + 1 == text.size()) return Parsed<Duration>::failure(kShape);
      in_time = true;
      last = order.find('T') + 1;
      ++pos;
      continue;
    }
    long long value = 0;
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      value = value * 10 + (text[pos] - '0');
      if (value > kMaxYears * 366 * 86400) return Parsed<Duration>::failure(kTooLong);
      ++pos;
    }
    if (pos == start || pos == text.size()) return Parsed<Duration>::failure(kShape);
    char unit = text[pos++];
    std::size_t slot = in_time ? order.find(unit, order.find('T')) : order.substr(0, order.find('T')).find(unit);
    if (slot == std::string_view::npos || slot < last) return Parsed<Duration>::failure(kShape);
    last = slot + 1;
    any = true;
    switch (in_time ? unit + 128 : unit) {
      case 'Y': years = value; break;
      case 'M': months = value; break;
      case 'W': days += 7 * value; break;
      case 'D': days += value; break;
      case 'H' + 128: secs += 3600 * value; break;
      case 'M' + 128: secs += 60 * value; break;
      case 'S' + 128: secs += value; break;
      default: return Parsed<Duration>::failure(kShape);
    }
  }
  if (!any) return Parsed<Duration>::failure(kShape);
  // Whatever the units, the whole must stay within kMaxYears (a year counted
  // long); counted in 64 bits, so the int fields below cannot overflow.
  if (years * 366 + months * 31 + days + secs / 86400 > kMaxYears * 366) return Parsed<Duration>::failure(kTooLong);
  d.years = static_cast<int>(years);
  d.months = static_cast<int>(months);
  d.days = static_cast<int>(days);
  d.time = std::chrono::seconds(secs);
  return d;
}

std::string Duration::str() const {
  if (is_zero()) return "P0D";
  std::string out = "P";
  if (years) out += std::to_string(years) + "Y";
  if (months) out += std::to_string(months) + "M";
  if (days) out += std::to_string(days) + "D";
  if (time.count()) {
    long long s = time.count();
    out += "T";
    if (s / 3600) out += std::to_string(s / 3600) + "H";
    if (s % 3600 / 60) out += std::to_string(s % 3600 / 60) + "M";
    if (s % 60) out += std::to_string(s % 60) + "S";
  }
  return out;
}

Instant add(Instant t, const Duration& d, const Zone& zone) {
  if (d.years == 0 && d.months == 0 && d.days == 0) return std::min(t + d.time, last_instant());
  // Calendar units move the local date and keep the local time of day. Two
  // exceptions keep add() monotone (a later start never ends earlier), so
  // that one cutoff per rule (latest_start) selects exactly the holdings
  // whose own deadline has passed:
  // - a start in the second pass of a repeated hour (autumn) counts from the
  //   end of that hour;
  // - a day the target month lacks (31 January + 1 month) ends the period
  //   with the last day of that month, as Regulation (EEC, Euratom) No
  //   1182/71 art. 3(2)(c) counts periods in months: at 00:00 the next day.
  date::local_seconds local = date::make_zoned(zone.tz(), t).get_local_time();
  date::local_info here = zone.tz()->get_info(local);
  if (here.result == date::local_info::ambiguous && t >= here.second.begin)
    local = date::local_seconds{(here.first.end + here.first.offset).time_since_epoch()};
  date::local_days day = date::floor<date::days>(local);
  std::chrono::seconds time_of_day = local - day;
  Date ymd{day};
  date::year_month ym = ymd.year() / ymd.month() + date::months{d.years * 12 + d.months};
  date::day last = (ym / date::last).day();
  bool clamped = ymd.day() > last;
  Date moved = ym / (clamped ? last : ymd.day());
  date::local_seconds target = date::local_days{moved} + date::days{d.days} +
                               (clamped ? std::chrono::seconds(date::days{1}) : time_of_day);
  // Past year 9999 (a long period added to a late date) nothing can be written: saturate.
  if (date::floor<date::days>(target) > date::local_days{date::year{9999} / 12 / 31}) return last_instant();
  auto info = zone.tz()->get_info(target);
  Instant result = info.result == date::local_info::nonexistent
                       ? info.first.end  // in a spring-forward gap: the first instant after it
                       : zone.tz()->to_sys(target, date::choose::earliest);
  result += d.time;
  return result > last_instant() ? last_instant() : result;
}

Instant latest_start(Instant now, const Duration& d, const Zone& zone) {
  using namespace std::chrono;
  if (d.years == 0 && d.months == 0 && d.days == 0) return now - d.time;
  // add() never decreases as t grows: search the largest t between bounds
  // that surely bracket the answer (two days of slack cover any clock change).
  auto day = hours(24);
  seconds longest = (d.years * 366LL + d.months * 31LL + d.days + 2) * day + d.time;
  seconds shortest = (d.years * 365LL + d.months * 28LL + d.days - 2) * day + d.time;
  Instant lo = now - longest;
  Instant hi = now - shortest;
  while (hi - lo > seconds(1)) {
    Instant mid = lo + (hi - lo) / 2;
    if (add(mid, d, zone) <= now)
      lo = mid;
    else
      hi = mid;
  }
  return add(hi, d, zone) <= now ? hi : lo;
}

}  // namespace dpo
