#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/breach.h"
#include "model/register.h"
#include "time/instant.h"

/// The breach register, assessments and drafts, for people and programs.
namespace dpo::report {

/// A breach with what the store and the assessment say about it.
struct BreachView {
  const model::Register& reg;
  const model::Incident& incident;
  const model::Assessment& assessment;
  long long subjects = 0;
  long long records = 0;
  bool subjects_counted = false;  ///< from the store, not the incident's estimate
  bool records_counted = false;
  int version = 1;
  std::vector<model::BreachNotification> notifications{};
  std::optional<Instant> communicated_at{};
  Instant as_of{};
  Zone zone{};
  /// The activities the store holds affected data in, when counted from
  /// it: the categories of people come from them, not from every activity
  /// the incident names.
  std::vector<model::ActivityId> activities_holding{};
  /// The DPO's recorded decision, which wins over the assessment.
  std::optional<model::BreachDecision> decision{};
  /// Whether the authority is to be notified: the decision, else the assessment.
  [[nodiscard]] bool notify() const { return decision ? decision->notify : assessment.notify_authority; }
  /// Whether the people are to be told: the decision, else the assessment.
  [[nodiscard]] bool communicate() const { return decision ? decision->communicate : assessment.communicate(); }
};

/// The breach, its clock at as_of and its assessment, as JSON
/// (schemas/breach.schema.json).
[[nodiscard]] nlohmann::ordered_json breach_json(const BreachView& view);

/// The assessment with every factor and its reason, in "text" or "json".
void render_assessment(const BreachView& view, std::string_view format, Lang lang, std::ostream& out);

/// The register of every breach: "text", "csv" (one row a breach) or "json".
void render_breach_list(const std::vector<BreachView>& views, std::string_view format, Lang lang, std::ostream& out);

/// The notification to the authority (Art. 33(3), in the order and words of
/// the CNIL's online form), the letter to the people (Art. 34(2)) or the
/// public communication that replaces it (Art. 34(3)(c)), in "md", "text"
/// or "json".
enum class Audience { authority, subjects, public_ };
/// The draft the people get: the letter, or the public communication when
/// telling each of them would take disproportionate effort.
[[nodiscard]] Audience audience_for(const BreachView& view, Audience asked);
/// What the DPO must know before sending the draft (no decision recorded,
/// reasons for a delay missing, a record rather than a notification): for
/// the command to say on standard error, never in the document.
[[nodiscard]] std::vector<std::string> draft_gaps(const BreachView& view, Audience to, Lang lang);
void render_draft(const BreachView& view, Audience to, std::string_view format, Lang lang, std::ostream& out);

/// The 72-hour clock in one line: "due ..., 12 h left" or "was due ..., 3 h ago".
[[nodiscard]] std::string breach_clock(const model::Incident& incident, Instant now, const Zone& zone, Lang lang);

/// What `dpo breach record` did to the breach.
enum class BreachChange { recorded, updated, unchanged };
/// What `dpo breach record` says: "recorded B-1 (version 1): due ...";
/// `state` is the clock or breach_notified_state().
[[nodiscard]] std::string breach_recorded(BreachChange change, const std::string& id, long long version,
                                          const std::string& state, Lang lang);
/// "notified": the state of a breach already notified.
[[nodiscard]] std::string breach_notified_state(Lang lang);
/// What `dpo breach notified` says.
[[nodiscard]] std::string breach_notified(const std::string& id, bool complementary, Instant at, const Zone& zone,
                                          long long hours, bool late, Lang lang);
/// What `dpo breach communicated` says.
[[nodiscard]] std::string breach_communicated(const std::string& id, Instant at, const Zone& zone, Lang lang);
/// "recorded the decision on BR-1: notify the authority, do not tell the
/// people; departs from the assessment on notifying".
[[nodiscard]] std::string breach_decided(const std::string& id, const model::BreachDecision& decision,
                                         const model::Assessment& assessment, Lang lang);
/// Why a late initial notification without reasons is refused (Art. 33(1)).
[[nodiscard]] std::string late_without_reasons(const std::string& id, long long hours);

/// The recipients file of `draft --recipients`: a CSV header and rows.
[[nodiscard]] std::string recipients_header();
[[nodiscard]] std::string recipients_row(const std::string& key, const std::string& email, const std::string& phone);

}  // namespace dpo::report
