#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "model/consent.h"
#include "store/store.h"

namespace dpo::store {

/// A consent event as stored, with its place in the chain.
struct StoredConsent {
  std::int64_t seq = 0;
  std::string id;
  model::ConsentEvent event;
  Sha256 prev{};
  Sha256 hash{};
};

/// Where the chain starts: genesis, or the last checkpoint's cut.
struct ChainStart {
  std::int64_t through_seq = 0;
  Sha256 hash = model::genesis_hash();
};
[[nodiscard]] ChainStart chain_start(Store& store);

/// The latest (seq, head hash) a consent command recorded in the journal: an
/// anchor outside the chain that shows a deleted last event.
struct ChainAnchor {
  std::int64_t seq = 0;
  Sha256 hash{};
};
[[nodiscard]] std::optional<ChainAnchor> journaled_anchor(Store& store);

/// What the store knows of a subject that consent needs.
struct SubjectFacts {
  std::int64_t id = 0;
  std::optional<Date> birth_date;
};

/// Appends events to the ledger, each chained to the one before. Statements
/// are prepared once; the caller holds the transaction.
class ConsentWriter {
 public:
  explicit ConsentWriter(Store& store);
  ~ConsentWriter();
  ConsentWriter(const ConsentWriter&) = delete;
  ConsentWriter& operator=(const ConsentWriter&) = delete;

  /// The subject with this key, or nullopt.
  [[nodiscard]] std::optional<SubjectFacts> subject(const model::SubjectKey& key);

  struct Appended {
    bool added = false;  ///< false: the same event is already in the ledger
    std::string id;
    std::int64_t seq = 0;
  };
  /// Appends one event whose purpose exists, for the subject subject() found;
  /// an event already in the ledger (same id) is not added twice.
  Appended append(const model::ConsentEvent& event, std::int64_t subject_id);

  [[nodiscard]] std::int64_t head_seq() const;
  [[nodiscard]] const Sha256& head() const;
  [[nodiscard]] long long added() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Calls `each` with every stored event in seq order until it returns false.
void for_each_consent(Store& store, const std::function<bool(const StoredConsent&)>& each);

/// Filters for the ledger's events; empty means any.
struct ConsentFilter {
  std::optional<model::SubjectKey> subject;
  std::optional<model::PurposeId> purpose;
  std::optional<Instant> until;  ///< only events that happened at or before
};
/// Calls `each` with the matching events grouped by subject (in the order they
/// were first stored) and purpose, each group in time order.
void for_each_consent_by_subject(Store& store, const ConsentFilter& filter,
                                 const std::function<void(const StoredConsent&)>& each);

/// One event by its id, or nullopt. Ids have no index: this reads the ledger.
[[nodiscard]] std::optional<StoredConsent> find_consent_event(Store& store, const std::string& id);

/// Deletes the oldest events of the ledger, through `through_seq`, and records
/// a checkpoint so that the rest still verifies. Only a prefix can be cut: the
/// chain must stay one piece. Caller holds the transaction. Returns how many
/// events were deleted.
long long cut_consent_proof(Store& store, std::int64_t through_seq, Instant at, const std::string& reason);

}  // namespace dpo::store
