#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Facts about countries that rules read, loaded from data/countries.json (embedded).
namespace dpo::model {

struct Adequacy {
  bool partial = false;  ///< covers only some recipients (US: DPF-certified; CA: PIPEDA)
  std::string decision;
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
  bool eea = false;
  std::optional<Adequacy> adequacy;
  std::optional<int> consent_age;  ///< Art. 8 national choice, when recorded
  std::vector<Holiday> holidays;
};

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
