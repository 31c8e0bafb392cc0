#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.h"
#include "time/instant.h"

namespace dpo {

/// An ISO 8601 duration: "P3Y", "P13M", "P30D", "P2W", "PT72H", "P1Y2M10DT2H".
/// Years, months and days are calendar units, added on the zone's local calendar
/// (31 Jan + P1M = 28 or 29 Feb); hours, minutes and seconds are elapsed time,
/// so PT72H is 72 real hours even across a daylight-saving change.
struct Duration {
  int years = 0;
  int months = 0;
  int days = 0;  ///< weeks are folded in as 7 days
  std::chrono::seconds time{0};

  static Parsed<Duration> parse(std::string_view text);
  /// The ISO 8601 text, "P0D" for zero.
  [[nodiscard]] std::string str() const;
  [[nodiscard]] bool is_zero() const { return years == 0 && months == 0 && days == 0 && time.count() == 0; }
  bool operator==(const Duration&) const = default;
};

/// `t` + `d`, calendar units on `zone`'s local calendar, then elapsed time.
[[nodiscard]] Instant add(Instant t, const Duration& d, const Zone& zone);

/// The latest instant `t` with `t + d <= now`: whatever started at or before it
/// has run its course by `now`. Retention and consent expiry compare stored
/// instants with it, so one SQL range condition selects what has expired.
[[nodiscard]] Instant latest_start(Instant now, const Duration& d, const Zone& zone);

}  // namespace dpo
