#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string_view>
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

/// A purpose's consent at the receipt's instant, with the latest grant (for its notice).
struct PurposeStatus {
  model::PurposeId purpose;
  model::StatusAt status;
  const model::ConsentEvent* last_given = nullptr;  ///< points into the input's events
};
/// The purposes the input's events name, in the register's order.
[[nodiscard]] std::vector<PurposeStatus> purpose_statuses(const model::Register& reg, const ReceiptInput& input,
                                                          const Zone& zone);

/// The W3C Data Privacy Vocabulary term for a status ("dpv:ConsentGiven").
[[nodiscard]] std::string_view dpv_term(model::ConsentStatus status);

/// A receipt shaped like an ISO/IEC TS 27560 consent record: header,
/// parties, processing (purposes with their notice, legal basis, data),
/// events and the status of each purpose at `as_of`, with W3C DPV terms.
[[nodiscard]] nlohmann::ordered_json consent_receipt(const model::Register& reg, const ReceiptInput& input,
                                                     const Zone& zone);

/// The receipt as `dpo consent receipt` prints it: indented JSON.
void render_receipt(const model::Register& reg, const ReceiptInput& input, const Zone& zone, std::ostream& out);

/// A row of `dpo consent list`: a subject's consent to a purpose at an instant.
struct ConsentStatusRow {
  model::SubjectKey subject;
  model::PurposeId purpose;
  model::StatusAt status;
  std::string event;  ///< the id of the event that gives it, "" for none
};

/// `dpo consent list`, a row at a time as rows are read: text (columns), csv
/// (a header, then rows) or json (an array). Call close() once at the end.
class ConsentList {
 public:
  enum class Rows { statuses, events };
  ConsentList(std::ostream& out, std::string_view format, Rows rows, const Zone& zone);
  void add(const ConsentStatusRow& row);
  void add(const model::StoredConsent& event);
  void close();

 private:
  void emit(const std::vector<std::string>& cells, const nlohmann::ordered_json& json);
  std::ostream& out_;
  std::string format_;
  Zone zone_;
  bool first_ = true;
};

/// What a grant, refusal or withdrawal did, for the message that ends it.
[[nodiscard]] std::string consent_recorded(model::ConsentAction action, const model::PurposeId& purpose,
                                           const std::string& id, std::int64_t seq, bool added);

/// What an import did.
struct ConsentImport {
  std::string file;
  long long read = 0, added = 0, already = 0;
  Sha256 head{};
  std::int64_t head_seq = 0;
  long long objected = 0;  ///< grants left out: to purposes their subject objected to
};
[[nodiscard]] std::string consents_imported(const ConsentImport& import);

}  // namespace dpo::report
