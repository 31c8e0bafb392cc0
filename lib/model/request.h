#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "base/names.h"
#include "model/countries.h"
#include "model/subject.h"
#include "time/instant.h"

/// Data-subject requests (Art. 15 to 22, and complaints) and their Art. 12(3)
/// deadlines, counted as Regulation 1182/71 counts months (docs/design.md 3).
namespace dpo::model {

enum class RequestType { access, rectification, erasure, restriction, portability, objection, complaint };
std::span<const Named<RequestType>> request_types();

/// Easter Sunday of `year` in the Gregorian calendar.
[[nodiscard]] Date easter_sunday(int year);
/// A public holiday of `country` (fixed or counted from Easter).
[[nodiscard]] bool is_public_holiday(const Country& country, Date day);
/// Not a Saturday, a Sunday or, when the country is known, a public holiday.
[[nodiscard]] bool is_working_day(const Country* country, Date day);

/// The last day to answer a request received on `received`, `months` months
/// on: the same-numbered day of the last month (its last day when it has
/// none; the day of receipt itself is not counted), moved to the next working
/// day of `country` when it is not one. 1 month to answer (Art. 12(3)), 3
/// once extended by two further months.
[[nodiscard]] Date request_due(Date received, int months, const Country* country);

/// The first instant after a due day has run out in `zone`: a request not
/// answered by then is late.
[[nodiscard]] Instant due_end(Date due, const Zone& zone);

/// A request as the log keeps it.
struct SubjectRequest {
  std::int64_t id = 0;
  std::optional<SubjectKey> subject;  ///< none when the subject is unknown or was erased since
  /// How a person the store did not know when they asked can be answered:
  /// kind "email", "phone" (normalised like identifiers) or "name".
  std::optional<Identifier> requester;
  RequestType type = RequestType::access;
  Instant received;
  Date due;  ///< the current deadline (extended or not)
  std::optional<Instant> extended_at;
  std::string extension_reason;
  std::optional<Instant> closed_at;
  std::string outcome;  ///< what was done; for a refused request, the reasons (Art. 12(4))
  bool refused = false;  ///< closed without acting on it (Art. 12(4))
  std::string note;
};

}  // namespace dpo::model
