#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time/instant.h"

/// Facts about countries that rules read, loaded from data/countries.json (embedded).
namespace dpo::model {

/// An EU adequacy decision (GDPR Art. 45): transfers rest on it from the day
/// it was adopted to its last day, if it has one.
struct Adequacy {
  bool partial = false;  ///< covers only some recipients (US: DPF-certified; CA: PIPEDA)
  std::string decision;
  Date adopted;
  std::optional<Date> valid_until;  ///< the last day it applies
  std::string source;
};

/// A public holiday: a fixed month and day, or a day counted from Easter Sunday.
struct Holiday {
  unsigned month = 0;  ///< 0 when Easter-based
  unsigned day = 0;
  int easter_offset = 0;
  std::string name;
};

struct Country {
  std::string code;  ///< ISO 3166-1 alpha-2
  std::string name;
  bool eu = false;
  bool eea = false;                 ///< EEA territory: no Chapter V transfer
  std::string outermost_region_of;  ///< Art. 349 TFEU: the member state, e.g. FR for RE
  std::optional<Adequacy> adequacy;
  std::optional<int> consent_age;  ///< Art. 8 national choice, when recorded
  std::vector<Holiday> holidays;
};

/// Whether a transfer may rest on a country's adequacy decision on a day.
enum class AdequacyStatus {
  none,  ///< the country has no decision
  applies,
  not_covered,  ///< a partial decision, and the recipient does not say it is covered
  not_yet,      ///< adopted after that day
  expired,      ///< its last day has passed
};

/// How the decision of `country` (if any) stands on `day` for a recipient
/// that says (`covered`) or not that a partial decision covers it.
[[nodiscard]] AdequacyStatus adequacy_status(const Country* country, Date day, bool covered);

class Countries {
 public:
  /// The table dpokit was built with.
  static const Countries& builtin();
  /// Parses a countries file (the format of data/countries.json); throws Error(internal) if broken.
  static Countries parse(std::string_view json_text);

  [[nodiscard]] const Country* find(std::string_view code) const;
  [[nodiscard]] const std::vector<Country>& all() const { return countries_; }
  /// The age below which a child's consent needs the parental co-signature.
  [[nodiscard]] int consent_age(std::string_view code) const;
  [[nodiscard]] const std::string& updated() const { return updated_; }

 private:
  std::vector<Country> countries_;
  int default_consent_age_ = 16;
  std::string updated_;
};

}  // namespace dpo::model
