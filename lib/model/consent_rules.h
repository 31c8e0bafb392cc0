#pragma once

#include <optional>

#include "time/duration.h"
#include <string>
#include <vector>

#include "model/consent.h"
#include "model/register.h"

namespace dpo::model {

/// A subject's consent for one purpose at an instant.
struct StatusAt {
  ConsentStatus status = ConsentStatus::none;
  std::optional<Instant> since;  ///< when the event that set it happened
  std::optional<Instant> until;  ///< when a given consent expires (validity), if it does
};

/// The status that `last` gives at `at`, where `last` is the subject's latest
/// event for the purpose that happened at or before `at` (nullptr when none).
/// A given consent expires `validity` after it was given, on the controller's
/// calendar: at that very instant it is expired. A refusal never counts as given.
[[nodiscard]] StatusAt status_at(const ConsentEvent* last, const std::optional<Duration>& validity, Instant at,
                                 const Zone& zone);

/// A reason to refuse an event, naming the field at fault.
struct EventProblem {
  std::string field;
  std::string message;
  std::string hint;
};

/// What is wrong with an event against the register: an unknown purpose, a
/// purpose that does not rest on consent, a given consent without the SHA-256
/// of the notice shown (Art. 7(1): the controller must be able to show what
/// the person agreed to).
[[nodiscard]] std::vector<EventProblem> check_event(const ConsentEvent& event, const Register& reg);

/// A given consent from a subject under `consent_age` at the event's time
/// needs the co-signature of a holder of parental authority (Art. 8; in
/// France LIL art. 45, 15 years). Refusals and withdrawals never do.
[[nodiscard]] std::optional<EventProblem> check_minor(const ConsentEvent& event,
                                                     const std::optional<Date>& birth_date, int consent_age,
                                                     const Zone& zone);

}  // namespace dpo::model
