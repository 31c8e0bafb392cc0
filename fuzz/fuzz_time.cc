// libFuzzer target: the duration, date and time parsers, and the arithmetic
// on what they accept (a retention period added to a time, across DST).
#include "fuzz_support.h"
#include "time/duration.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all = dpo::fuzz::text(data, size);
  // "TIME|DURATION": both halves parsed, and the duration added when both are.
  std::size_t bar = all.find('|');
  std::string_view first = all.substr(0, bar);
  std::string_view second = bar == std::string_view::npos ? all : all.substr(bar + 1);
  const dpo::Zone& zone = dpo::fuzz::paris();
  dpo::Parsed<dpo::Date> date = dpo::parse_date(first);
  if (date) (void)dpo::format_date(*date);
  dpo::Parsed<dpo::Instant> t = dpo::parse_instant(first, zone);
  dpo::Parsed<dpo::Duration> d = dpo::Duration::parse(second);
  if (t) {
    (void)dpo::format_utc(*t);
    (void)dpo::format_local(*t, zone);
    (void)dpo::local_date(*t, zone);
  }
  if (t && d) {
    dpo::Instant later = dpo::add(*t, *d, zone);
    (void)dpo::format_utc(later);
    (void)dpo::latest_start(*t, *d, zone);
  }
  return 0;
}
