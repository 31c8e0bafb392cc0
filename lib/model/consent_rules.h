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
  std::optional<Instant> until;  ///< when a given consent expires (consent_ends), if it does
};

/// When a consent given by `given` ends by itself: its purpose's `validity`
/// or the consent's own duration (`scope.duration`), whichever runs out
/// first, on the controller's calendar; none when neither is set. A person
/// who agreed for one year has not agreed for the purpose's two (Art. 7:
/// consent covers what the person agreed to, no more).
[[nodiscard]] std::optional<Instant> consent_ends(const ConsentEvent& given, const std::optional<Duration>& validity,
                                                  const Zone& zone);

/// The status that `last` gives at `at`, where `last` is the subject's latest
/// event for the purpose that happened at or before `at` (nullptr when none).
/// A given consent expires when consent_ends() says: at that very instant it
/// is expired. A refusal never counts as given.
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
