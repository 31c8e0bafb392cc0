#include <catch2/catch.hpp>

#include "time/clock.h"
#include "time/duration.h"
#include "time/instant.h"

using namespace dpo;

namespace {
const Zone& paris() {
  static Zone z = *Zone::find("Europe/Paris");
  return z;
}
Instant at(const char* text) {
  Parsed<Instant> t = parse_instant(text, paris());
  REQUIRE(t);
  return *t;
}
Duration dur(const char* text) {
  Parsed<Duration> d = Duration::parse(text);
  REQUIRE(d);
  return *d;
}
}  // namespace

TEST_CASE("RFC 3339 times parse with Z, an offset or a fraction", "[time]") {
  CHECK(format_utc(at("2026-05-29T16:00:00+02:00")) == "2026-05-29T14:00:00Z");
  CHECK(format_utc(at("2026-05-29T14:00:00Z")) == "2026-05-29T14:00:00Z");
  CHECK(format_utc(at("2026-05-29t14:00:00z")) == "2026-05-29T14:00:00Z");
  CHECK(format_utc(at("2026-05-29T14:00:00.999Z")) == "2026-05-29T14:00:00Z");
  CHECK(format_utc(at("2026-01-01T00:30:00-05:30")) == "2026-01-01T06:00:00Z");
}

TEST_CASE("times and dates are written as the date library writes them, years 1900 to 9999", "[time]") {
  CHECK(format_utc(*parse_instant("1900-01-01T00:00:00Z", Zone())) == "1900-01-01T00:00:00Z");
  CHECK(format_utc(*parse_instant("1969-12-31T23:59:59Z", Zone())) == "1969-12-31T23:59:59Z");
  CHECK(format_utc(*parse_instant("9999-12-31T23:59:59Z", Zone())) == "9999-12-31T23:59:59Z");
  CHECK(format_date(*parse_date("1904-02-29")) == "1904-02-29");
  // Every 7,777,777 seconds (about 90 days, hours and minutes moving) from 1900 to 9999.
  for (long long s = -2208988800LL; s < 253402300799LL; s += 7777777) {
    Instant t = from_unix(s);
    INFO(s);
    REQUIRE(format_utc(t) == date::format("%FT%TZ", t));
    Date d{date::floor<date::days>(t)};
    REQUIRE(format_date(d) == date::format("%F", d));
  }
}

TEST_CASE("years before 1900 and after 9999 are refused, and a later one stored earlier prints as the last", "[time]") {
  CHECK(parse_date("1899-12-31").error() == "a year from 1900 to 9999");
  CHECK(parse_date("0000-01-01").error() == "a year from 1900 to 9999");
  CHECK(parse_instant("9999-12-31T23:00:00-02:00", Zone()).error() == "a year from 1900 to 9999");
  CHECK(!parse_instant("1900-01-01T00:30:00+01:00", Zone()));
  CHECK(within_years(*parse_date("9999-12-31")));
  // A due date in year 10000, which dpokit 0.1 could store, prints as the
  // last day of 9999 (as a deadline computed past it is held there), never
  // with five digits, and never throws.
  Date late{date::year{10000} / 1 / 31};
  CHECK(!within_years(late));
  CHECK(format_date(late) == "9999-12-31");
  CHECK(format_utc(Instant{date::sys_days{late}}) == "9999-12-31T23:59:59Z");
  CHECK(format_local(Instant{date::sys_days{late}}, *Zone::find("Europe/Paris")) == "9999-12-31T23:59:59Z");
}

TEST_CASE("an instant whose local time falls outside 1900 to 9999 is shown in UTC", "[time]") {
  // The last instant, as a deadline computed past 9999 is held, read
  // 10000-01-01T00:59:59+01:00 on the Paris clock.
  CHECK(format_local(last_instant(), paris()) == "9999-12-31T23:59:59Z");
  CHECK(format_date(local_date(last_instant(), paris())) == "9999-12-31");
  CHECK(format_local(at("9999-12-31T22:59:59Z"), paris()) == "9999-12-31T23:59:59+01:00");
  Zone new_york = *Zone::find("America/New_York");
  CHECK(format_local(*parse_instant("1900-01-01T00:00:00Z", Zone()), new_york) == "1900-01-01T00:00:00Z");
  CHECK(format_date(local_date(*parse_instant("1900-01-01T00:00:00Z", Zone()), new_york)) == "1900-01-01");
}

TEST_CASE("a bare date is midnight in the controller's zone", "[time]") {
  CHECK(format_utc(at("2026-01-15")) == "2026-01-14T23:00:00Z");  // winter, +01:00
  CHECK(format_utc(at("2026-07-15")) == "2026-07-14T22:00:00Z");  // summer, +02:00
  CHECK(format_utc(*parse_instant("2026-07-15", Zone())) == "2026-07-15T00:00:00Z");
}

TEST_CASE("malformed times are refused with the reason", "[time]") {
  CHECK(parse_instant("2026-05-29T16:00:00", paris()).error() ==
        "a time needs its offset from UTC, like Z or +02:00");
  CHECK(parse_instant("2026-02-30", paris()).error() == "no such day in the calendar");
  CHECK(parse_instant("2026-05-29T25:00:00Z", paris()).error() == "no such time of day");
  CHECK(parse_instant("29/05/2026", paris()).error() ==
        "expected an RFC 3339 time like 2026-05-29T16:00:00+02:00 or a date YYYY-MM-DD");
  CHECK(parse_instant("2026-05-29T16:00:00+0200", paris()).error() == "expected an offset like Z or +02:00");
  CHECK_FALSE(parse_instant("2026-05-29T16:00:00Zjunk", paris()));
  CHECK_FALSE(parse_date("2026-5-29"));
  CHECK(parse_date("2024-02-29"));
  CHECK_FALSE(parse_date("2023-02-29"));
}

TEST_CASE("instants are shown on the controller's clock with its offset", "[time]") {
  CHECK(format_local(at("2026-06-01T14:00:00Z"), paris()) == "2026-06-01T16:00:00+02:00");
  CHECK(format_local(at("2026-12-01T14:00:00Z"), paris()) == "2026-12-01T15:00:00+01:00");
  CHECK(format_date(local_date(at("2026-12-31T23:30:00Z"), paris())) == "2027-01-01");
}

TEST_CASE("ISO 8601 durations parse and print back", "[duration]") {
  CHECK(dur("P3Y").years == 3);
  CHECK(dur("P13M").months == 13);
  CHECK(dur("P0D").is_zero());
  CHECK(dur("PT72H").time == std::chrono::hours(72));
  CHECK(dur("P2W").days == 14);
  CHECK(dur("P1Y2M10DT2H30M").str() == "P1Y2M10DT2H30M");
  CHECK(dur("P13M").str() == "P13M");
  CHECK(dur("P0Y").str() == "P0D");
  for (const char* bad : {"", "P", "3Y", "PT", "P1H", "PT1D", "P1M1Y", "P-1D", "P1.5Y", "P1Y1Y", "p1y"}) {
    INFO(bad);
    CHECK_FALSE(Duration::parse(bad));
  }
}

TEST_CASE("a duration is at most 1000 years, and a sum past year 9999 stops at its last second", "[duration]") {
  CHECK(dur("P1000Y").years == 1000);
  CHECK(dur("P366000D").days == 366000);
  for (const char* bad : {"P1001Y", "P490700Y", "P12013M", "P366001D", "PT8784024H", "P999Y12M31D", "P404902160W"}) {
    INFO(bad);
    Parsed<Duration> d = Duration::parse(bad);
    REQUIRE_FALSE(d);
    CHECK(d.error() == "duration too long (at most 1000 years)");
  }
  // Found by fuzz_time: 0820-02-10 plus 490,700 years threw from the formatter, and
  // 404,902,160 weeks overflowed an int (UBSan); both are refused above. The longest
  // periods added to the latest dates saturate instead.
  Zone paris = *Zone::find("Europe/Paris");
  CHECK(format_utc(add(*parse_instant("9999-06-01", paris), dur("P1000Y"), paris)) == "9999-12-31T23:59:59Z");
  CHECK(format_utc(add(*parse_instant("9999-12-31T23:00:00Z", paris), dur("PT8000H"), paris)) ==
        "9999-12-31T23:59:59Z");
  CHECK(format_utc(add(*parse_instant("2026-01-01", paris), dur("P1000Y"), paris)) == "3025-12-31T23:00:00Z");
}

TEST_CASE("months are added on the calendar, and a day the month lacks ends with its last day", "[duration]") {
  // Regulation 1182/71 art. 3(2)(c): the period ends with the last day of
  // February, at midnight after it. (Before, 31 January + P1M was 28 February
  // 00:00, earlier than 28 January 23:00 + P1M: a later start ended first.)
  CHECK(format_local(add(at("2026-01-31"), dur("P1M"), paris()), paris()) == "2026-03-01T00:00:00+01:00");
  CHECK(format_local(add(at("2026-01-29T15:00:00+01:00"), dur("P1M"), paris()), paris()) ==
        "2026-03-01T00:00:00+01:00");
  CHECK(format_local(add(at("2026-01-28T23:00:00+01:00"), dur("P1M"), paris()), paris()) ==
        "2026-02-28T23:00:00+01:00");
  CHECK(format_local(add(at("2024-01-31"), dur("P1M"), paris()), paris()) == "2024-03-01T00:00:00+01:00");
  CHECK(format_local(add(at("2024-02-29"), dur("P1Y"), paris()), paris()) == "2025-03-01T00:00:00+01:00");
  CHECK(format_local(add(at("2023-04-10"), dur("P3Y"), paris()), paris()) == "2026-04-10T00:00:00+02:00");
  CHECK(format_local(add(at("2026-01-15"), dur("P13M"), paris()), paris()) == "2027-02-15T00:00:00+01:00");
  CHECK(add(at("2026-03-01T10:00:00+01:00"), dur("P0D"), paris()) == at("2026-03-01T10:00:00+01:00"));
}

TEST_CASE("a start in the repeated autumn hour's second pass counts from the end of that hour", "[duration]") {
  // Paris falls back on Sunday 25 October 2026: 02:00-03:00 happens twice.
  Instant first = at("2026-10-25T02:30:00+02:00");   // first pass
  Instant second = at("2026-10-25T02:10:00+01:00");  // second pass, 40 minutes later
  CHECK(format_local(add(first, dur("P1M"), paris()), paris()) == "2026-11-25T02:30:00+01:00");
  CHECK(format_local(add(second, dur("P1M"), paris()), paris()) == "2026-11-25T03:00:00+01:00");
  CHECK(format_local(add(second, dur("P1D"), paris()), paris()) == "2026-10-26T03:00:00+01:00");
}

TEST_CASE("a later start never ends earlier, across month ends, leap days and clock changes", "[duration]") {
  // add() must not decrease as the start grows: the purge selects expired
  // holdings by one cutoff per rule (latest_start), which is exact only then.
  Zone zone = paris();
  for (const char* d : {"P1M", "P1Y", "P2Y", "P3M", "P1D", "P1Y1M1D", "P6M", "P13M"}) {
    for (const char* from : {"2026-01-27T00:00:00+01:00", "2024-02-27T00:00:00+01:00", "2026-10-24T20:00:00+02:00",
                             "2026-03-28T20:00:00+01:00", "2026-04-29T00:00:00+02:00", "2027-12-29T00:00:00+01:00"}) {
      Instant t = at(from);
      Instant previous = add(t, dur(d), zone);
      // Five days, every 10 minutes: 720 starts around each edge.
      for (int step = 1; step <= 720; ++step) {
        Instant next_start = t + std::chrono::minutes(10 * step);
        Instant next = add(next_start, dur(d), zone);
        if (next < previous) FAIL_CHECK(d << " from " << format_local(next_start, zone) << " ends before the start 10 minutes earlier");
        previous = next;
      }
    }
  }
}

TEST_CASE("days keep the local time across a daylight-saving change", "[duration]") {
  // Paris springs forward on Sunday 29 March 2026: that day has 23 hours.
  Instant before = at("2026-03-28T12:00:00+01:00");
  CHECK(format_local(add(before, dur("P1D"), paris()), paris()) == "2026-03-29T12:00:00+02:00");
  CHECK(add(before, dur("P1D"), paris()) - before == std::chrono::hours(23));
  // 02:30 does not exist on 29 March: the first instant after the gap.
  CHECK(format_local(add(at("2026-03-28T02:30:00+01:00"), dur("P1D"), paris()), paris()) ==
        "2026-03-29T03:00:00+02:00");
}

TEST_CASE("hours are elapsed time, even across a daylight-saving change", "[duration]") {
  // docs/design.md section 3: aware Fri 29 May 2026 16:00, due Mon 1 Jun 2026 16:00.
  CHECK(format_local(add(at("2026-05-29T16:00:00+02:00"), dur("PT72H"), paris()), paris()) ==
        "2026-06-01T16:00:00+02:00");
  // Across the spring change the clock shows one hour more.
  CHECK(format_local(add(at("2026-03-27T12:00:00+01:00"), dur("PT72H"), paris()), paris()) ==
        "2026-03-30T13:00:00+02:00");
  // Across the autumn change (25 October 2026) one hour less.
  CHECK(format_local(add(at("2026-10-23T12:00:00+02:00"), dur("PT72H"), paris()), paris()) ==
        "2026-10-26T11:00:00+01:00");
}

TEST_CASE("the clock is pinned for a whole run", "[clock]") {
  Clock c = Clock::pinned(at("2026-11-26T09:00:00+01:00"));
  CHECK(c.now() == at("2026-11-26T09:00:00+01:00"));
  CHECK(c.now() == c.now());
  CHECK(Clock::system().now() > at("2026-01-01"));
}

TEST_CASE("time zones are found by IANA name", "[time]") {
  CHECK(Zone::find("Europe/Paris")->name() == "Europe/Paris");
  CHECK(Zone::find("Europe/Pariss").error() == "unknown time zone 'Europe/Pariss'");
  CHECK(Zone().name() == "UTC");
}

TEST_CASE("latest_start is the last instant whose period has run out by now", "[duration]") {
  for (const char* d : {"P3Y", "P13M", "P1M", "P30D", "P0D", "PT72H", "P1Y2M10DT2H"}) {
    for (const char* now_text : {"2026-11-26T09:00:00+01:00", "2026-03-29T02:30:00+01:00", "2026-03-31T12:00:00+02:00",
                                 "2024-02-29T00:00:00+01:00"}) {
      INFO(d << " at " << now_text);
      Instant now = at(now_text);
      Instant t = latest_start(now, dur(d), paris());
      CHECK(add(t, dur(d), paris()) <= now);
      CHECK(add(t + std::chrono::seconds(1), dur(d), paris()) > now);
    }
  }
  CHECK(format_local(latest_start(at("2026-11-26T10:00:00+01:00"), dur("P3Y"), paris()), paris()) ==
        "2023-11-26T10:00:00+01:00");
  // 31 March minus one month: the end of February, since 28 Feb + P1M is 28 March.
  CHECK(format_local(latest_start(at("2026-03-31T00:00:00+02:00"), dur("P1M"), paris()), paris()) ==
        "2026-02-28T23:59:59+01:00");
}
