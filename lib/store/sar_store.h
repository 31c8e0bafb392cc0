#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "model/request.h"
#include "store/store.h"

/// The log of data-subject requests.
namespace dpo::store {

using model::SubjectRequest;

/// Logs a request from the subject with this key, who must be in the store,
/// or, without a subject, from the requester the store does not know;
/// returns its id. The caller holds the transaction.
[[nodiscard]] std::int64_t add_request(Store& store, const SubjectRequest& request);
/// Links a request to the subject with `key` (a requester found since, or
/// imported after asking), and forgets the contact it was kept under: the
/// subject's identifiers hold it now, and an erasure of the subject leaves
/// nothing of them in the log. Error(invalid_input) when no subject has it.
/// The caller holds the transaction.
void link_request(Store& store, std::int64_t id, const model::SubjectKey& key);
/// Writes a request's extension, closing and note back. The caller holds the transaction.
void update_request(Store& store, const SubjectRequest& request);
[[nodiscard]] std::optional<SubjectRequest> find_request(Store& store, std::int64_t id);

/// Until when the request's subject is on the suppression list for
/// `reason` ("erasure" or "objection"), found by the keyed hash the request
/// keeps; nullopt when they are not listed.
[[nodiscard]] std::optional<Instant> listed_until(Store& store, std::int64_t id, std::string_view reason);

struct RequestFilter {
  bool closed_too = false;
  std::optional<model::SubjectKey> subject;
};
/// The matching requests, by id.
void for_each_request(Store& store, const RequestFilter& filter, const std::function<void(const SubjectRequest&)>& each);

}  // namespace dpo::store
