#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/consent.h"
#include "model/consent_rules.h"
#include "model/register.h"

/// Consent receipts and lists, for people and programs.
namespace dpo::report {

/// An event as a receipt shows it: its place in the ledger and its hashes.
struct ReceiptEvent {
  std::int64_t seq = 0;
  std::string id;
  model::ConsentEvent event;
  std::string hash;  ///< hex
  std::string prev;  ///< hex
};

/// Everything a receipt for one subject says.
struct ReceiptInput {
  model::SubjectKey subject;
  std::string record_id;            ///< the event id asked for, or the subject key
  std::vector<ReceiptEvent> events;  ///< in time order
  Instant as_of;
  std::string ledger_head;  ///< hex hash of the ledger's last event when the receipt was made
  std::int64_t ledger_seq = 0;
};

/// The W3C Data Privacy Vocabulary term for a status ("dpv:ConsentGiven").
[[nodiscard]] std::string_view dpv_term(model::ConsentStatus status);

/// A receipt shaped like an ISO/IEC TS 27560 consent record: header,
/// parties, processing (purposes with their notice, legal basis, data),
/// events and the status of each purpose at `as_of`, with W3C DPV terms.
[[nodiscard]] nlohmann::ordered_json consent_receipt(const model::Register& reg, const ReceiptInput& input,
                                                     const Zone& zone);

}  // namespace dpo::report
