#pragma once

#include "cmd/cli.h"
#include "model/subject.h"
#include "report/consent_report.h"

namespace dpo::store {
class Store;
}

namespace dpo::cmd {

/// A subject's consent events in time order, with the ledger's head, ready
/// for report::consent_receipt().
[[nodiscard]] report::ReceiptInput subject_receipt(store::Store& store, const model::SubjectKey& subject,
                                                   Instant as_of);

/// dpo-consent: the consent ledger (grant, refuse, withdraw, import, list, verify, receipt).
extern const Program kConsentProgram;

}  // namespace dpo::cmd
