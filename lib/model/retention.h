#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/register.h"
#include "time/duration.h"
#include "time/instant.h"

/// Retention rules at an instant, as plain values: what the retention module
/// computes and the store's queries select by.
namespace dpo::model {

/// A consent purpose a consent trigger follows, with the cutoff for it.
struct ConsentCutoff {
  PurposeId purpose;
  /// consent-withdrawn: withdrawn at or before this; consent-expired: given
  /// at or before this (its validity and the rule's keep both run out), none
  /// when the purpose sets no validity. A consent-expired rule also passes
  /// for a consent whose own duration ran out at or before the rule's cutoff.
  std::optional<Instant> cutoff;
};

/// How a retention rule is named on the command line and in output:
/// "ACTIVITY/N", N its place in the activity's list from 1.
[[nodiscard]] inline std::string rule_id(const ActivityId& activity, int rule_no) {
  return activity.str() + "/" + std::to_string(rule_no);
}

/// One retention rule for one activity and data category, at an instant:
/// a holding has expired when its trigger instant is at or before `cutoff`.
struct RuleDeadline {
  ActivityId activity;
  CategoryId category;
  int rule_no = 0;  ///< the rule's place in the activity's list, from 1
  Trigger from = Trigger::collected;
  std::optional<Trigger> fallback;  ///< counted from when `from` never happens
  RetentionAction action = RetentionAction::erase;
  Duration keep;
  std::string basis;
  bool obligation = false;  ///< a legal obligation sets the period (is_legal_obligation)
  Instant cutoff;
  std::vector<ConsentCutoff> consent;  ///< for the consent triggers, one per consent purpose
  /// "ACTIVITY/N" (rule_id).
  [[nodiscard]] std::string id() const { return rule_id(activity, rule_no); }
};

/// Which of a category's rules applies first when several have passed: the
/// most final action (delete, then anonymise, then archive, then review),
/// the first listed among equals. Lower goes first.
[[nodiscard]] inline int precedence(const RuleDeadline& rule) {
  return static_cast<int>(rule.action) * 1000000 + rule.rule_no;
}

}  // namespace dpo::model
