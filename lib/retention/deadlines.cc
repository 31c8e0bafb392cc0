#include "retention/deadlines.h"

#include "model/consent_rules.h"

namespace dpo::retention {

using namespace model;

std::vector<RuleDeadline> deadlines(const Register& reg, Instant now, const Zone& zone) {
  std::vector<RuleDeadline> out;
  for (const Activity& a : reg.activities) {
    for (std::size_t r = 0; r < a.retention.size(); ++r) {
      const RetentionRule& rule = a.retention[r];
      Instant cutoff = latest_start(now, rule.keep, zone);
      std::vector<ConsentCutoff> consent;
      if (rule.from == Trigger::consent_withdrawn || rule.from == Trigger::consent_expired) {
        for (const PurposeId& id : a.purposes) {
          const Purpose* p = reg.purpose(id);
          if (!p || !p->consent_required) continue;
          if (rule.from == Trigger::consent_withdrawn)
            consent.push_back({id, cutoff});
          else  // a consent expires validity after it was given (or sooner, consent_ends), then keep runs
            consent.push_back({id, p->validity ? std::optional<Instant>(latest_start(cutoff, *p->validity, zone))
                                               : std::nullopt});
        }
      }
      for (const CategoryId& category : rule.data)
        out.push_back(RuleDeadline{a.id, category, static_cast<int>(r) + 1, rule.from, rule.fallback, rule.action,
                                   rule.keep, rule.basis, is_legal_obligation(a, rule), cutoff, consent});
    }
  }
  return out;
}

Instant deadline(Instant trigger, const Duration& keep, const Zone& zone) { return add(trigger, keep, zone); }

std::optional<Instant> holding_deadline(const Register& reg, const RuleDeadline& rule, const Holding& holding,
                                        const Engagement* engagement, std::span<const ConsentEvent> events,
                                        Instant now, const Zone& zone) {
  auto after = [&](const std::optional<Instant>& trigger) -> std::optional<Instant> {
    if (!trigger) return std::nullopt;
    return deadline(*trigger, rule.keep, zone);
  };
  // The date a holding's trigger names, when it has one; the fallback
  // stands in for an engagement date that never came.
  auto date_of = [&](Trigger t) -> std::optional<Instant> {
    switch (t) {
      case Trigger::collected: return holding.collected;
      case Trigger::end: return engagement ? engagement->ended : std::nullopt;
      case Trigger::last_contact: return engagement ? engagement->last_contact : std::nullopt;
      case Trigger::consent_withdrawn:
      case Trigger::consent_expired: break;
    }
    return std::nullopt;
  };
  if (rule.from != Trigger::consent_withdrawn && rule.from != Trigger::consent_expired) {
    std::optional<Instant> trigger = date_of(rule.from);
    if (!trigger && rule.fallback) trigger = date_of(*rule.fallback);
    return after(trigger);
  }
  std::optional<Instant> first;
  for (const ConsentCutoff& c : rule.consent) {
    const ConsentEvent* last = nullptr;
    for (const ConsentEvent& e : events)
      if (e.purpose == c.purpose && e.at <= now) last = &e;
    if (!last) continue;
    std::optional<Instant> at;
    if (rule.from == Trigger::consent_withdrawn && last->action == ConsentAction::withdrawn) {
      at = after(last->at);
    } else if (rule.from == Trigger::consent_expired && last->action == ConsentAction::given) {
      const Purpose* p = reg.purpose(c.purpose);
      if (p) at = after(consent_ends(*last, p->validity, zone));
    }
    if (at && (!first || *at < *first)) first = at;
  }
  return first;
}

Governing governing(const Register& reg, std::span<const RuleDeadline> rules, const Holding& holding,
                    const Engagement* engagement, std::span<const ConsentEvent> events, Instant now,
                    const Zone& zone) {
  Governing due, next, first, obliged;
  const RuleDeadline* archive = nullptr;  // the first archive rule passed
  for (const RuleDeadline& rule : rules) {
    if (rule.activity != holding.activity || rule.category != holding.category) continue;
    // An archive rule is done once the holding is archived; its final
    // deletion comes next.
    if (rule.action == RetentionAction::archive && holding.archived) continue;
    std::optional<Instant> at = holding_deadline(reg, rule, holding, engagement, events, now, zone);
    if (!first.rule) first = {&rule, at};
    // A legal obligation sets a minimum: the one that runs out last holds
    // the data, whatever the other rules say; a trigger still to come
    // outlasts any date.
    if (rule.obligation && !(at && *at <= now) &&
        (!obliged.rule || (obliged.deadline && (!at || *at > *obliged.deadline))))
      obliged = {&rule, at};
    if (!at) continue;
    if (*at <= now) {
      if (!due.rule || precedence(rule) < precedence(*due.rule)) due = {&rule, at};
      if (rule.action == RetentionAction::archive && (!archive || precedence(rule) < precedence(*archive)))
        archive = &rule;
    } else if (!next.rule || *at < *next.deadline) {
      next = {&rule, at};
    }
  }
  if (obliged.rule) {
    obliged.archive = archive;
    return obliged;
  }
  if (due.rule) return due;
  if (next.rule) return next;
  return first;
}

Governing removal(const Register& reg, std::span<const RuleDeadline> rules, const Holding& holding,
                  const Engagement* engagement, std::span<const ConsentEvent> events, Instant now, const Zone& zone) {
  Governing g = governing(reg, rules, holding, engagement, events, now, zone);
  if (!g.rule || g.rule->action != RetentionAction::archive) return g;
  Holding archived = holding;
  archived.archived = now;
  return governing(reg, rules, archived, engagement, events, now, zone);
}

}  // namespace dpo::retention
