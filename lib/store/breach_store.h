#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/breach.h"
#include "store/store.h"

/// The breach register: incidents with their history and notifications.
namespace dpo::store {

using Notification = model::BreachNotification;

/// A breach as the register holds it.
struct StoredBreach {
  model::Incident incident;  ///< the latest version
  int version = 0;
  Instant recorded_at;  ///< of the latest version
  std::vector<Notification> notifications;
  std::optional<Instant> communicated_at;
  /// The DPO's latest decision, when one was recorded.
  std::optional<model::BreachDecision> decision;
  /// The first notification, if any.
  [[nodiscard]] const Notification* initial() const {
    return notifications.empty() ? nullptr : &notifications.front();
  }
};

enum class Recorded { added, updated, unchanged };

/// Records an incident: a new breach, a new version of one (the same id), or
/// nothing when it is the same as the latest version. Caller holds the transaction.
Recorded record_breach(Store& store, const model::Incident& incident, Instant now);
[[nodiscard]] std::optional<StoredBreach> find_breach(Store& store, const std::string& code);
/// Every breach, in order of awareness (then id).
void for_each_breach(Store& store, const std::function<void(const StoredBreach&)>& each);
/// Caller holds the transaction.
void add_notification(Store& store, const std::string& code, const Notification& notification);
void set_communicated(Store& store, const std::string& code, Instant at);
/// Records the DPO's decision on a breach, a new row each time: the latest
/// applies, the earlier ones stay as its history. Caller holds the transaction.
void add_decision(Store& store, const std::string& code, const model::BreachDecision& decision);

/// What the store holds that the breach touched: not anonymised holdings of
/// its data categories in its activities (and systems, when it names some).
struct Affected {
  long long subjects = 0;
  long long records = 0;
};
[[nodiscard]] Affected count_affected(Store& store, const model::Incident& incident);
/// The activities (codes, in the register's order) in which the store holds
/// data the breach touched.
[[nodiscard]] std::vector<std::string> affected_activities(Store& store, const model::Incident& incident);
/// The keys of `keys` no subject of the store has.
[[nodiscard]] std::vector<std::string> unknown_subjects(Store& store, const std::vector<std::string>& keys);

/// The affected subjects' contact details, one call a subject in key order:
/// key, email, phone (empty when unknown).
void for_each_affected_contact(Store& store, const model::Incident& incident,
                               const std::function<void(const std::string&, const std::string&,
                                                        const std::string&)>& each);

}  // namespace dpo::store
