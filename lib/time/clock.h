#pragma once

#include "time/instant.h"

namespace dpo {

/// The one source of "now" (docs/design.md section 3). A command reads it once, so a
/// whole run sees a single instant; --as-of pins it, and tests always do.
class Clock {
 public:
  /// The system clock, read now.
  static Clock system();
  /// A pinned instant, from --as-of or a test.
  static Clock pinned(Instant now) { return Clock(now); }
  [[nodiscard]] Instant now() const { return now_; }

 private:
  explicit Clock(Instant now) : now_(now) {}
  Instant now_;
};

}  // namespace dpo
