#pragma once

#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.h"

namespace date {
class time_zone;
}

namespace dpo {

/// A point in time, UTC, to the second. Stored as Unix seconds.
using Instant = std::chrono::sys_seconds;
/// A calendar day in some zone's local calendar.
using Date = date::year_month_day;

/// An IANA time zone ("Europe/Paris") from the system's tz database.
class Zone {
 public:
  /// UTC, the zone used before a register names the controller's.
  Zone();
  static Parsed<Zone> find(std::string_view name);
  [[nodiscard]] std::string name() const;
  [[nodiscard]] const date::time_zone* tz() const { return tz_; }

 private:
  explicit Zone(const date::time_zone* tz) : tz_(tz) {}
  const date::time_zone* tz_;
};

[[nodiscard]] Instant from_unix(long long seconds);
[[nodiscard]] long long to_unix(Instant t);

/// The years dpokit accepts, read or computed: 1900 to 9999 (UTC). A date
/// outside them is refused where it is given, and so is an input whose own
/// deadline would pass them (a request's, a breach's); a deadline computed
/// from the register past them is held at 9999-12-31T23:59:59Z (add()), so
/// that every instant prints as RFC 3339 with four digits.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 9999;
[[nodiscard]] bool within_years(Date d);
[[nodiscard]] bool within_years(Instant t);
/// 9999-12-31T23:59:59Z, the last instant dpokit writes: a deadline later
/// than it is as good as never, and is held there.
[[nodiscard]] Instant last_instant();

/// "YYYY-MM-DD", a real calendar day, in the years above.
[[nodiscard]] Parsed<Date> parse_date(std::string_view text);
/// The same, in any four-digit year: for what a store already holds (an
/// older dpokit accepted years before 1900), never for input.
[[nodiscard]] Parsed<Date> parse_stored_date(std::string_view text);
/// RFC 3339 ("2026-05-29T16:00:00+02:00", "...Z"; a fraction of a second is
/// dropped) or a bare date, which means midnight in `zone`.
[[nodiscard]] Parsed<Instant> parse_instant(std::string_view text, const Zone& zone);

/// "2026-05-29T14:00:00Z"; a time past 9999 (none is written, but an older
/// dpokit stored some) as last_instant().
[[nodiscard]] std::string format_utc(Instant t);
/// "2026-05-29T16:00:00+02:00": the instant on the zone's clock, with its
/// offset; in UTC ("...Z") where the zone's clock would read a year outside
/// 1900-9999, so that no instant prints with five digits.
[[nodiscard]] std::string format_local(Instant t, const Zone& zone);
/// "2026-05-29"; a day past 9999 as 9999-12-31.
[[nodiscard]] std::string format_date(Date d);

/// The calendar day `t` falls on in `zone`; the UTC day where the zone's
/// would fall outside 1900-9999 (as format_local).
[[nodiscard]] Date local_date(Instant t, const Zone& zone);
/// Whole years from a birth date to the day `t` falls on in `zone`.
[[nodiscard]] int age_at(Date birth, Instant t, const Zone& zone);
/// The first instant of day `d` in `zone` (after a gap, the end of the gap).
[[nodiscard]] Instant start_of_day(Date d, const Zone& zone);

}  // namespace dpo
