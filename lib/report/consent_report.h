#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
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
  std::string record_id;             ///< urn:uuid:..., the same for the same store and event or subject
  std::vector<ReceiptEvent> events;  ///< in time order, up to as_of
  std::string only_event;            ///< a receipt for this event alone; "" for the subject's
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


/// The receipt's JSON-LD `@context`: each key it writes mapped to a W3C DPV
/// term (or a DCMI or dpokit term where DPV has none), inline.
[[nodiscard]] const nlohmann::ordered_json& receipt_context();

/// One event as a receipt (and a subject-access export) shows it.
[[nodiscard]] nlohmann::ordered_json receipt_event_json(const ReceiptEvent& event, const Zone& zone);
/// A purpose's status as a receipt (and a subject-access export) shows it.
[[nodiscard]] nlohmann::ordered_json purpose_status_json(const PurposeStatus& status, const Zone& zone);

/// A consent record of ISO/IEC TS 27560:2023 in JSON-LD: its id, the
/// controller and DPO, language, jurisdiction and law, each purpose's
/// processing (legal basis, consent type, notice, data, recipients,
/// processors, storage locations and durations), how to withdraw, the
/// events and the status of each purpose at `as_of` (docs/design.md 2.5).
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

/// `dpo consent list`, a row at a time as rows are read: text (columns, its
/// statuses, actions, channels and times in `lang`), csv (a header, then
/// rows) or json (an array), both language-neutral data for programs. Call
/// close() once at the end.
class ConsentList {
 public:
  enum class Rows { statuses, events };
  ConsentList(std::ostream& out, std::string_view format, Rows rows, const Zone& zone, Lang lang = Lang::en);
  void add(const ConsentStatusRow& row);
  void add(const model::StoredConsent& event);
  void close();

 private:
  void emit(const std::vector<std::string>& cells, const nlohmann::ordered_json& json);
  std::ostream& out_;
  std::string format_;
  Zone zone_;
  Lang lang_;
  bool first_ = true;
};

/// What a grant, refusal or withdrawal did, for the message that ends it.
[[nodiscard]] std::string consent_recorded(model::ConsentAction action, const model::PurposeId& purpose,
                                           const std::string& id, std::int64_t seq, bool added, Lang lang);

/// What an import did.
struct ConsentImport {
  std::string file;
  long long read = 0, added = 0, already = 0;
  Sha256 head{};
  std::int64_t head_seq = 0;
  long long objected = 0;  ///< grants left out: to purposes their subject objected to
};
[[nodiscard]] std::string consents_imported(const ConsentImport& import, Lang lang);

}  // namespace dpo::report
