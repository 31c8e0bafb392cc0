#pragma once

#include <nlohmann/json.hpp>

#include "model/purge.h"
#include "model/request.h"
#include "model/subject.h"
#include "time/instant.h"

/// The JSON of the model's types, one function a type: what every --format
/// json and jsonl output is built from. Instants are written in `zone`'s
/// local time with its offset (RFC 3339).
namespace dpo::report {

using Json = nlohmann::ordered_json;

[[nodiscard]] Json to_json(const model::RuleOutcome& outcome);
[[nodiscard]] Json to_json(const model::PurgeTotals& totals);
[[nodiscard]] Json to_json(const model::KeptHolding& kept, const Zone& zone);
[[nodiscard]] Json to_json(const model::ErasureTask& task, const Zone& zone);
[[nodiscard]] Json to_json(const model::DeletionEntry& entry, const Zone& zone);
/// A request of the log, with whether it is (or was closed) late at `now`.
[[nodiscard]] Json to_json(const model::SubjectRequest& request, Instant now, const Zone& zone);
/// A subject in the shape of a subjects-file line: it imports back unchanged.
[[nodiscard]] Json to_json(const model::SubjectView& subject, const Zone& zone);

}  // namespace dpo::report
