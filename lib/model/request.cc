#include "model/request.h"

namespace dpo::model {

namespace {

constexpr Named<RequestType> kRequestTypes[] = {
    {RequestType::access, "access"},         {RequestType::rectification, "rectification"},
    {RequestType::erasure, "erasure"},       {RequestType::restriction, "restriction"},
    {RequestType::portability, "portability"}, {RequestType::objection, "objection"},
    {RequestType::complaint, "complaint"},
};

}  // namespace

std::span<const Named<RequestType>> request_types() { return kRequestTypes; }

Date easter_sunday(int year) {
  // The anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{date::year{year}, date::month{static_cast<unsigned>(month)}, date::day{static_cast<unsigned>(day)}};
}

bool is_public_holiday(const Country& country, Date day) {
  int year = static_cast<int>(day.year());
  for (const Holiday& h : country.holidays) {
    if (h.month != 0) {
      if (static_cast<unsigned>(day.month()) == h.month && static_cast<unsigned>(day.day()) == h.day) return true;
    } else if (date::sys_days(day) == date::sys_days(easter_sunday(year)) + date::days{h.easter_offset}) {
      return true;
    }
  }
  return false;
}

bool is_working_day(const Country* country, Date day) {
  date::weekday wd{date::sys_days(day)};
  if (wd == date::Saturday || wd == date::Sunday) return false;
  return !country || !is_public_holiday(*country, day);
}

Date request_due(Date received, int months, const Country* country) {
  Date last = received + date::months{months};
  if (!last.ok()) last = Date{date::year_month_day_last{last.year(), date::month_day_last{last.month()}}};
  while (!is_working_day(country, last)) last = Date{date::sys_days(last) + date::days{1}};
  return last;
}

Instant due_end(Date due, const Zone& zone) { return start_of_day(Date{date::sys_days(due) + date::days{1}}, zone); }

}  // namespace dpo::model
