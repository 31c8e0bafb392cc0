#include "model/countries.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"

namespace dpo::model {

namespace embedded {
extern const std::string_view countries_json;
}

namespace {

Date day(const nlohmann::json& value) {
  Parsed<Date> d = parse_date(value.get<std::string>());
  if (!d) throw std::runtime_error(d.error());
  return *d;
}

}  // namespace

AdequacyStatus adequacy_status(const Country* country, Date day, bool covered) {
  if (!country || !country->adequacy) return AdequacyStatus::none;
  const Adequacy& a = *country->adequacy;
  if (day < a.adopted) return AdequacyStatus::not_yet;
  if (a.valid_until && *a.valid_until < day) return AdequacyStatus::expired;
  if (a.partial && !covered) return AdequacyStatus::not_covered;
  return AdequacyStatus::applies;
}

Countries Countries::parse(std::string_view json_text) {
  Countries out;
  try {
    auto doc = nlohmann::json::parse(json_text);
    out.updated_ = doc.at("updated").get<std::string>();
    out.default_consent_age_ = doc.at("default_consent_age").get<int>();
    for (const auto& c : doc.at("countries")) {
      Country country;
      country.code = c.at("code").get<std::string>();
      country.name = c.at("name").get<std::string>();
      country.eu = c.value("eu", false);
      country.eea = c.value("eea", false);
      country.outermost_region_of = c.value("outermost_region_of", "");
      if (c.contains("adequacy")) {
        const auto& a = c["adequacy"];
        Adequacy adequacy{a.at("scope") == "partial", a.at("decision"), day(a.at("adopted")), std::nullopt,
                          a.at("source")};
        if (a.contains("valid_until")) adequacy.valid_until = day(a["valid_until"]);
        country.adequacy = std::move(adequacy);
      }
      if (c.contains("consent_age")) country.consent_age = c["consent_age"].get<int>();
      for (const auto& h : c.value("holidays", nlohmann::json::array())) {
        Holiday holiday;
        holiday.name = h.at("name").get<std::string>();
        if (h.contains("easter")) {
          holiday.easter_offset = h["easter"].get<int>();
        } else {
          std::string md = h.at("date").get<std::string>();
          holiday.month = static_cast<unsigned>(std::stoi(md.substr(0, 2)));
          holiday.day = static_cast<unsigned>(std::stoi(md.substr(3, 2)));
        }
        country.holidays.push_back(std::move(holiday));
      }
      out.countries_.push_back(std::move(country));
    }
  } catch (const std::exception& e) {
    throw Error(ExitCode::internal, std::string("broken countries table: ") + e.what());
  }
  std::sort(out.countries_.begin(), out.countries_.end(),
            [](const Country& a, const Country& b) { return a.code < b.code; });
  return out;
}

const Countries& Countries::builtin() {
  static const Countries table = parse(embedded::countries_json);
  return table;
}

const Country* Countries::find(std::string_view code) const {
  auto it = std::lower_bound(countries_.begin(), countries_.end(), code,
                             [](const Country& c, std::string_view k) { return c.code < k; });
  return it != countries_.end() && it->code == code ? &*it : nullptr;
}

int Countries::consent_age(std::string_view code) const {
  const Country* c = find(code);
  return c && c->consent_age ? *c->consent_age : default_consent_age_;
}

}  // namespace dpo::model
