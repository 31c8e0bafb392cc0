#include "model/subject.h"

#include <cctype>

#include "base/strings.h"

namespace dpo::model {

std::string normalise_identifier(const std::string& kind, const std::string& value) {
  std::string_view v = trim(value);
  if (kind == "email") return to_lower(v);
  if (kind == "phone") {
    std::string out;
    for (char c : v) {
      if (std::isdigit(static_cast<unsigned char>(c)))
        out += c;
      else if (c == '+' && out.empty())
        out += c;
    }
    return out;
  }
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

}  // namespace dpo::model
