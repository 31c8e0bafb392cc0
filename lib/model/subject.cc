#include "model/subject.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "l10n/phone.h"

namespace dpo::model {

namespace {

constexpr Named<Civility> kCivilities[] = {{Civility::madam, "madam"}, {Civility::sir, "sir"}};

}  // namespace

std::span<const Named<Civility>> civilities() { return kCivilities; }

std::optional<std::string> normalise_identifier(const std::string& kind, const std::string& value,
                                                std::string_view region) {
  std::string_view v = trim(value);
  if (kind == "email") return to_lower(v);
  if (kind == "phone") return l10n::phone_e164(v, region);
  return std::string(v);
}

HoldOn hold_on(const SubjectView& subject, const Holding& h, Instant now) {
  HoldOn on;
  bool for_ever = subject.legal_hold;
  for (const LegalHold& hold : subject.holds) {
    if (!hold.active(now) || !hold.covers(h.activity, h.category)) continue;
    on.held = true;
    if (!hold.until)
      for_ever = true;
    else if (!on.until || *on.until < *hold.until)
      on.until = hold.until;
  }
  if (for_ever) {
    on.held = true;
    on.until.reset();
  }
  return on;
}

bool Objection::covers(const Purpose& purpose) const {
  return purpose.marketing &&
         (every || std::find(purposes.begin(), purposes.end(), purpose.id) != purposes.end());
}

std::vector<ActivityId> objected_activities(const Register& reg, const Objection& objection) {
  std::vector<ActivityId> out;
  for (const Activity& a : reg.activities) {
    bool only_objected = !a.purposes.empty() && std::all_of(a.purposes.begin(), a.purposes.end(), [&](const PurposeId& id) {
      const Purpose* p = reg.purpose(id);
      return p && objection.covers(*p);
    });
    if (only_objected) out.push_back(a.id);
  }
  return out;
}

}  // namespace dpo::model
