#include "model/consent_rules.h"

#include "base/strings.h"

namespace dpo::model {

std::optional<Instant> consent_ends(const ConsentEvent& given, const std::optional<Duration>& validity,
                                    const Zone& zone) {
  std::optional<Instant> ends;
  if (validity) ends = add(given.at, *validity, zone);
  if (given.scope.duration) {
    Instant own = add(given.at, *given.scope.duration, zone);
    if (!ends || own < *ends) ends = own;
  }
  return ends;
}

StatusAt status_at(const ConsentEvent* last, const std::optional<Duration>& validity, Instant at, const Zone& zone) {
  if (!last || last->at > at) return {};
  StatusAt s;
  s.since = last->at;
  switch (last->action) {
    case ConsentAction::refused: s.status = ConsentStatus::refused; break;
    case ConsentAction::withdrawn: s.status = ConsentStatus::withdrawn; break;
    case ConsentAction::given:
      s.status = ConsentStatus::given;
      s.until = consent_ends(*last, validity, zone);
      if (s.until && at >= *s.until) s.status = ConsentStatus::expired;
      break;
  }
  return s;
}

std::vector<EventProblem> check_event(const ConsentEvent& event, const Register& reg) {
  std::vector<EventProblem> out;
  const Purpose* purpose = reg.purpose(event.purpose);
  if (!purpose) {
    std::vector<std::string> ids;
    for (const Purpose& p : reg.purposes) ids.push_back(p.id.str());
    std::string hint = did_you_mean(event.purpose.str(), ids);
    out.push_back({"purpose", "unknown purpose" + quoted_id(event.purpose.str()),
                   hint.empty() ? "define it in the register and import it first" : hint});
  } else if (!purpose->consent_required) {
    out.push_back({"purpose", "purpose '" + event.purpose.str() + "' does not rest on consent",
                   "set 'consent: required' on it in the register"});
  }
  if (event.action == ConsentAction::given && event.notice_sha256.empty())
    out.push_back({"notice.sha256", "a given consent needs the SHA-256 of the notice shown ('notice.sha256')",
                   "hash the notice text the person saw, e.g. sha256sum notice.html"});
  if (event.scope.parental && (event.scope.parental->name.empty() || event.scope.parental->evidence.empty()))
    out.push_back({"scope.parental", "a parental co-consent needs 'name' and 'evidence'", ""});
  return out;
}

std::optional<EventProblem> check_minor(const ConsentEvent& event, const std::optional<Date>& birth_date,
                                        int consent_age, const Zone& zone) {
  if (event.action != ConsentAction::given || !birth_date || event.scope.parental) return std::nullopt;
  int age = age_at(*birth_date, event.at, zone);
  if (age >= consent_age) return std::nullopt;
  return EventProblem{"scope.parental",
                      "the subject was " + std::to_string(age) + " when consenting, under the consent age of " +
                          std::to_string(consent_age) + ": a parental co-consent is required",
                      "record the co-signature of a holder of parental authority in 'scope.parental'"};
}

}  // namespace dpo::model
