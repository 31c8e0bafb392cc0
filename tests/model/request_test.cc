#include <catch2/catch.hpp>

#include "model/countries.h"
#include "model/audit.h"
#include "model/breach.h"
#include "model/request.h"

using namespace dpo;
using namespace dpo::model;

namespace {

Date day(const char* text) { return *parse_date(text); }
std::string due(const char* received, int months = 1) {
  return format_date(request_due(day(received), months, Countries::builtin().find("FR")));
}

}  // namespace

TEST_CASE("Easter Sunday is computed for any Gregorian year", "[request]") {
  CHECK(format_date(easter_sunday(2024)) == "2024-03-31");
  CHECK(format_date(easter_sunday(2026)) == "2026-04-05");
  CHECK(format_date(easter_sunday(2027)) == "2027-03-28");
  CHECK(format_date(easter_sunday(2038)) == "2038-04-25");  // the latest possible date
  CHECK(format_date(easter_sunday(2285)) == "2285-03-22");  // the earliest
}

TEST_CASE("a request received Sat 31 Jan 2026 is due Mon 2 Mar, extended Thu 30 Apr", "[request]") {
  // 28 Feb (31 Feb does not exist) is a Saturday: the next working day.
  CHECK(due("2026-01-31") == "2026-03-02");
  CHECK(due("2026-01-31", 3) == "2026-04-30");
  CHECK(due("2026-03-31") == "2026-04-30");
  CHECK(due("2026-03-10") == "2026-04-10");
  CHECK(due("2024-01-31") == "2024-02-29");  // leap year: the month's last day
}

TEST_CASE("a deadline on a French public holiday moves to the next working day", "[request]") {
  CHECK(due("2026-04-01") == "2026-05-04");  // Fri 1 May, Fête du Travail -> Mon 4 May
  CHECK(due("2026-04-08") == "2026-05-11");  // Fri 8 May, Victoire 1945 -> Mon 11 May
  CHECK(due("2026-04-14") == "2026-05-15");  // Thu 14 May, Ascension -> Fri 15 May
  CHECK(due("2026-04-25") == "2026-05-26");  // Mon 25 May, Whit Monday -> Tue 26 May
  CHECK(due("2026-03-06") == "2026-04-07");  // Mon 6 Apr, Easter Monday -> Tue 7 Apr
  CHECK(due("2026-10-01") == "2026-11-02");  // Sun 1 Nov, Toussaint, then Mon 2 Nov
  CHECK(due("2026-11-25") == "2026-12-28");  // Fri 25 Dec, then the weekend
}

TEST_CASE("without a country only weekends move a deadline", "[request]") {
  CHECK(format_date(request_due(day("2026-04-01"), 1, nullptr)) == "2026-05-01");
  CHECK(format_date(request_due(day("2026-01-31"), 1, nullptr)) == "2026-03-02");
}

TEST_CASE("a request is late from the first instant after its due day, on the controller's clock", "[request]") {
  Zone paris = *Zone::find("Europe/Paris");
  CHECK(format_local(due_end(day("2026-03-02"), paris), paris) == "2026-03-03T00:00:00+01:00");
  CHECK(format_local(due_end(day("2026-04-30"), paris), paris) == "2026-05-01T00:00:00+02:00");
}

TEST_CASE("breach hours round up for a delay and down for time left, and medians take the lower middle", "[request]") {
  Instant t0 = from_unix(1'780'000'000);
  CHECK(hours_up(t0, t0) == 0);
  CHECK(hours_up(t0, t0 + std::chrono::seconds{1}) == 1);
  CHECK(hours_up(t0, t0 + std::chrono::hours{72}) == 72);
  CHECK(hours_down(t0, t0 + std::chrono::seconds{3599}) == 0);
  CHECK(hours_down(t0, t0 + std::chrono::hours{54} + std::chrono::minutes{59}) == 54);
  CHECK(lower_median({}) == std::nullopt);
  CHECK(lower_median({35, 3}) == 3);
  CHECK(lower_median({9, 1, 5}) == 5);
}
