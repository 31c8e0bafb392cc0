#include "model/purge.h"

namespace dpo::model {

PurgeTotals totals(const PurgeOutcome& outcome, long long consent_events_cut) {
  PurgeTotals t;
  for (const RuleOutcome& r : outcome.rules) {
    t.review += r.review;
    if (r.rule.action == RetentionAction::review) continue;
    switch (r.rule.action) {
      case RetentionAction::erase: t.deleted += r.removed; break;
      case RetentionAction::anonymise: t.anonymised += r.removed; break;
      case RetentionAction::archive: t.archived += r.removed; break;
      case RetentionAction::review: break;
    }
    t.tasks += r.tasks;
    t.held += r.held;
  }
  t.subjects_erased = outcome.subjects_erased;
  t.consent_events_cut = consent_events_cut;
  return t;
}

std::array<std::pair<std::string_view, long long>, 8> named(const PurgeTotals& t) {
  return {{{"deleted", t.deleted},
           {"anonymised", t.anonymised},
           {"archived", t.archived},
           {"tasks", t.tasks},
           {"subjects_erased", t.subjects_erased},
           {"consent_events_cut", t.consent_events_cut},
           {"held", t.held},
           {"review", t.review}}};
}

std::string_view name_of(KeptBecause reason) {
  switch (reason) {
    case KeptBecause::legal_obligation: return "legal-obligation";
    case KeptBecause::legal_hold: return "legal-hold";
    case KeptBecause::contract: return "contract";
  }
  return "";
}

std::string_view article_of(KeptBecause reason) {
  switch (reason) {
    case KeptBecause::legal_obligation: return "17(3)(b)";
    case KeptBecause::legal_hold: return "17(3)(e)";
    case KeptBecause::contract: return "17(1)(a)";
  }
  return "";
}

}  // namespace dpo::model
