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

}  // namespace dpo::model
