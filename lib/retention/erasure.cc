#include "retention/erasure.h"

#include <algorithm>
#include <set>

#include "retention/deadlines.h"

namespace dpo::retention {

using namespace model;

namespace {

const Engagement* engagement_in(const SubjectView& subject, const ActivityId& activity) {
  for (const Engagement& e : subject.engagements)
    if (e.activity == activity) return &e;
  return nullptr;
}

bool in_scope(const ErasureScope& scope, const ActivityId& activity) {
  return scope.activities.empty() ||
         std::find(scope.activities.begin(), scope.activities.end(), activity) != scope.activities.end();
}

// A contract the subject is party to, not ended at `now` (booked and not
// begun yet, or running): the data it needs is still necessary (Art.
// 6(1)(b)), so Art. 17(1)(a) does not apply to it.
bool contract_in_progress(const Register& reg, const Engagement* e, const ActivityId& activity, Instant now) {
  const Activity* a = reg.activity(activity);
  if (!a || !rests_on(*a, LegalBasis::contract) || !e) return false;
  return !e->ended || *e->ended > now;
}

}  // namespace

ErasurePlan plan_erasure(const Register& reg, std::span<const RuleDeadline> rules, const SubjectView& subject,
                         std::span<const ConsentEvent> events, const ErasureScope& scope, Instant now,
                         const Zone& zone) {
  ErasurePlan plan;
  // Grouped per activity, category and reason, in the holdings' order.
  std::vector<KeptHolding> kept;
  std::set<std::string> keeps;  // activities that keep something of the subject
  auto keep = [&](const KeptHolding& k) {
    keeps.insert(k.activity.str());
    for (KeptHolding& g : kept) {
      if (g.activity != k.activity || g.category != k.category || g.reason != k.reason) continue;
      // A trigger still to come outlasts any known date; else the later date.
      if (!g.trigger_pending.empty()) return;
      if (!k.trigger_pending.empty() || (k.until && (!g.until || *g.until < *k.until))) {
        g.until = k.until;
        g.trigger_pending = k.trigger_pending;
        g.rule_no = k.rule_no;
      }
      return;
    }
    kept.push_back(k);
  };

  for (const Holding& h : subject.holdings) {
    if (!in_scope(scope, h.activity)) {
      keeps.insert(h.activity.str());
      continue;
    }
    const Engagement* e = engagement_in(subject, h.activity);
    Governing g = governing(reg, rules, h, e, events, now, zone);
    auto with_rule = [&](KeptBecause reason, const Governing& by) {
      KeptHolding k{h.activity, h.category, reason, 0, std::nullopt, ""};
      if (by.rule) {
        k.rule_no = by.rule->rule_no;
        k.until = by.deadline;
        if (!by.deadline) k.trigger_pending = std::string(name_of(triggers(), by.rule->from));
      }
      return k;
    };
    // A hold lasts until it ends or is released, whatever the retention rules say.
    if (HoldOn on = hold_on(subject, h, now); on.held) {
      keep(KeptHolding{h.activity, h.category, KeptBecause::legal_hold, 0, on.until, ""});
      continue;
    }
    bool contract = contract_in_progress(reg, e, h.activity, now);
    if (contract && scope.forced.empty()) {
      keep(KeptHolding{h.activity, h.category, KeptBecause::contract, 0, std::nullopt, "end"});
      continue;
    }
    // While a legal obligation has not run out, governing() names the one
    // that runs out last; what retention would already remove goes.
    if (g.rule && g.rule->obligation && !g.passed(now)) {
      keep(with_rule(KeptBecause::legal_obligation, g));
      continue;
    }
    plan.erase.push_back(h.id);
    if (contract) ++plan.forced;
  }
  plan.kept = std::move(kept);
  for (const Engagement& e : subject.engagements)
    if (in_scope(scope, e.activity) && !keeps.count(e.activity.str())) plan.emptied.push_back(e.activity);
  return plan;
}

}  // namespace dpo::retention
