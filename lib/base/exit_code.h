#pragma once

namespace dpo {

/// Exit codes shared by every dpokit binary (docs/design.md section 1).
enum class ExitCode : int {
  ok = 0,
  findings = 1,       ///< audit findings at or above --fail-on; tampering found
  usage = 2,          ///< bad command line
  invalid_input = 3,  ///< a file or argument is malformed; nothing was written
  store = 4,          ///< store or I/O error, including a store too new for us
  busy = 5,           ///< store locked by another run; retry later
  internal = 70,      ///< a bug in dpokit (EX_SOFTWARE)
};

[[nodiscard]] constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace dpo
