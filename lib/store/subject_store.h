#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/register.h"
#include "model/subject.h"
#include "store/store.h"

namespace dpo::store {

/// What a subject import did.
struct SubjectCounts {
  long long subjects_added = 0;
  long long subjects_changed = 0;
  long long identifiers_added = 0;
  long long identifiers_shared = 0;  ///< left with the other subject that has them (--on-conflict skip)
  long long engagements_added = 0;
  long long engagements_changed = 0;
  long long holdings_added = 0;
  long long holdings_changed = 0;
  long long records = 0;  ///< records read
  long long suppressed = 0;  ///< records skipped: people an erasure request listed
  long long restored = 0;    ///< listed people imported again on purpose (--allow-suppressed)
};

/// An import's counts as its journal record holds them (JSON).
[[nodiscard]] std::string journal_counts(const SubjectCounts& counts);

/// Writes subject records with prepared statements reused across records, so a
/// million-line import runs in one transaction without memory growing. The
/// caller holds the transaction. A record merges into what the store holds:
/// fields it gives are set, fields it omits are kept, nothing is removed.
class SubjectWriter {
 public:
  SubjectWriter(Store& store, const model::Register& reg);
  ~SubjectWriter();
  SubjectWriter(const SubjectWriter&) = delete;
  SubjectWriter& operator=(const SubjectWriter&) = delete;

  /// What a record claiming another subject's identifier does.
  enum class OnConflict {
    fail,  ///< writes nothing of the record
    skip,  ///< writes the record, leaving the identifier with the subject that has it
  };
  /// Writes one record and returns the kinds of its identifiers that already
  /// belong to another subject (a family mailbox, a shared phone): empty
  /// when there is none. With one, `on_conflict` says what is written.
  [[nodiscard]] std::vector<std::string> write(const model::Subject& subject,
                                               OnConflict on_conflict = OnConflict::fail);
  [[nodiscard]] const SubjectCounts& counts() const;
  /// Whether an erasure request listed the record's key or one of its
  /// identifiers, and the listing still runs at `now`: an import skips it.
  [[nodiscard]] bool suppressed(const model::Subject& subject, Instant now);
  /// Counts a record skipped as suppressed.
  void skip_suppressed();
  /// Takes the record's key and identifiers off the list: the explicit way
  /// back (subject import --allow-suppressed).
  void lift_suppression(const model::Subject& subject);

 private:
  struct Impl;
  struct Suppression;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Suppression> suppression_;
};

using model::SubjectView;

/// The subject with this key, or nullopt.
[[nodiscard]] std::optional<SubjectView> find_subject(Store& store, const model::SubjectKey& key);
/// Whether the store has a subject with this key.
[[nodiscard]] bool has_subject(Store& store, const model::SubjectKey& key);
/// Records a legal hold on the subject with this key (the caller checked
/// that it exists and that the activity and category are the register's);
/// returns its id.
std::int64_t add_hold(Store& store, const model::SubjectKey& key, const model::LegalHold& hold);
/// Releases hold `id` at `at` with why; false when there is no such hold not
/// yet released.
bool release_hold(Store& store, std::int64_t id, Instant at, const std::string& reason);

/// Lists the key and identifiers of the subject with this key (keyed hashes,
/// never the values) on the suppression list as having objected to direct
/// marketing by `purposes` (Art. 21(3)), from `since` to `until`; a running
/// objection listing is renewed, its purposes kept. Returns the entries written.
long long list_objection(Store& store, const model::SubjectKey& key, const std::vector<model::PurposeId>& purposes,
                         Instant since, Instant until);

/// The objection listings running at an instant, looked up by a person's
/// key and identifiers as keyed hashes. Reads nothing while the list holds
/// no objection.
class Objections {
 public:
  Objections(Store& store, Instant now);
  ~Objections();
  Objections(const Objections&) = delete;
  Objections& operator=(const Objections&) = delete;

  /// The person's running objection, by their key or any of their
  /// identifiers; nullopt when they are not listed.
  [[nodiscard]] std::optional<model::Objection> of(const model::SubjectKey& key,
                                                   const std::vector<model::Identifier>& ids);
  /// The same for a subject of the store, by its key and stored identifiers.
  [[nodiscard]] std::optional<model::Objection> of_stored(const model::SubjectKey& key);
  /// Takes the person off the objection list for `purpose` (they consented
  /// to it again), or for every purpose. A listing made before the store
  /// kept purposes covers them all, so it goes whole.
  void lift(const model::SubjectKey& key, const std::vector<model::Identifier>& ids,
            const std::optional<model::PurposeId>& purpose);
  void lift_stored(const model::SubjectKey& key, const std::optional<model::PurposeId>& purpose);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The key of the subject an identifier belongs to (normalised first, a
/// phone number read in the controller's country), or nullopt. A phone
/// number that is not a valid one still finds a number the upgrade to schema
/// 28 kept as written; else Error(invalid_input).
[[nodiscard]] std::optional<model::SubjectKey> find_by_identifier(Store& store, const std::string& kind,
                                                                  const std::string& value);

}  // namespace dpo::store
