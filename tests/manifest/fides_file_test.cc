#include <catch2/catch.hpp>

#include "base/error.h"
#include "manifest/fides_file.h"

using namespace dpo;
using namespace dpo::model;

namespace {

const manifest::FidesController kController{"", "FR", "Europe/Paris", "en"};

// One manifest holding an organization and `systems`.
manifest::FidesImport import_text(const std::string& systems, const std::string& more = {}) {
  std::string text = "organization:\n  - { name: Org }\n" + more + "system:\n" + systems;
  return manifest::read_fides({{"m.yml", text}}, kController, "m.yml");
}

// The diagnostics of manifests that must be refused.
std::vector<std::string> problems(const std::string& systems, const std::string& more = {}) {
  try {
    (void)import_text(systems, more);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

std::vector<std::string> notes(const manifest::FidesImport& in) {
  std::vector<std::string> out;
  for (const Diagnostic& d : in.notes) out.push_back(d.str());
  return out;
}

// A system of one declaration; `extra` adds lines to the declaration.
std::string one_system(const std::string& categories, const std::string& extra = {}) {
  return "  - fides_key: app\n"
         "    name: App\n"
         "    privacy_declarations:\n"
         "      - data_categories: [" +
         categories +
         "]\n"
         "        data_use: essential.service\n"
         "        data_subjects: [customer]\n" +
         extra;
}

}  // namespace

TEST_CASE("fideslang keys take the taxonomy's label and the kind of the register", "[fides]") {
  manifest::FidesImport in =
      import_text(one_system("user.contact.email, user.health_and_medical.genetic, user.criminal_history, "
                             "user.government_id.passport_number, user.authorization.credentials"));
  REQUIRE(in.reg.data_categories.size() == 5);
  auto kind = [&](const char* id) { return in.reg.category(CategoryId(id))->kind; };
  CHECK(in.reg.category(CategoryId("user.contact.email"))->label == "User Contact Email");
  CHECK(kind("user.contact.email") == DataKind::identity);
  CHECK(kind("user.health_and_medical.genetic") == DataKind::special);
  CHECK(in.reg.category(CategoryId("user.health_and_medical.genetic"))->special);
  CHECK(kind("user.criminal_history") == DataKind::criminal);
  CHECK(kind("user.government_id.passport_number") == DataKind::official_id);
  CHECK(kind("user.authorization.credentials") == DataKind::credentials);
  CHECK(in.reg.purposes.front().label == "Essential for Service");
  CHECK(in.reg.activities.front().subjects == std::vector<std::string>{"Customer"});
  CHECK(notes(in).empty());
}

TEST_CASE("a key below a known one inherits its kind with a note, and one below a root is refused", "[fides]") {
  manifest::FidesImport in = import_text(one_system("user.biometric.palm_vein"));
  const DataCategory* c = in.reg.category(CategoryId("user.biometric.palm_vein"));
  REQUIRE(c);
  CHECK(c->kind == DataKind::special);
  CHECK(c->label == "Biometric Data (palm_vein)");
  CHECK(notes(in) == std::vector<std::string>{"data category 'user.biometric.palm_vein' is not in fideslang's "
                                              "taxonomy at m.yml:7:27 (read as a kind of 'user.biometric')"});
  CHECK(problems(one_system("user.heath_and_medical")) ==
        std::vector<std::string>{"unknown fideslang data category 'user.heath_and_medical' at m.yml:7:27 (did you "
                                 "mean 'user.health_and_medical'?)"});
}

TEST_CASE("a data category the manifests define takes its name, and its kind from its parent", "[fides]") {
  std::string custom =
      "data_category:\n"
      "  - { fides_key: user.health.sick_notes, name: Sick notes, parent_key: user.health }\n"
      "  - { fides_key: user.health.sick_notes.scan, parent_key: user.health.sick_notes }\n";
  manifest::FidesImport in = import_text(one_system("user.health.sick_notes.scan, user.health.sick_notes"), custom);
  CHECK(in.reg.category(CategoryId("user.health.sick_notes"))->label == "Sick notes");
  CHECK(in.reg.category(CategoryId("user.health.sick_notes"))->kind == DataKind::special);
  CHECK(in.reg.category(CategoryId("user.health.sick_notes.scan"))->label == "user.health.sick_notes.scan");
  CHECK(in.reg.category(CategoryId("user.health.sick_notes.scan"))->kind == DataKind::special);
  CHECK(problems(one_system("user.helth.x"),
                 "data_category:\n  - { fides_key: user.helth.x, parent_key: user.helth }\n") ==
        std::vector<std::string>{"unknown parent_key 'user.helth' of data_category 'user.helth.x' at m.yml:4:44 "
                                 "(did you mean 'user.health'?)"});
}

TEST_CASE("legal bases, Art. 9 conditions, recipients and retention map to the register's", "[fides]") {
  manifest::FidesImport in = import_text(one_system("user.health_and_medical",
                                                    "        legal_basis_for_processing: Consent\n"
                                                    "        special_category_legal_basis: Medical\n"
                                                    "        third_parties: Lab SA\n"
                                                    "        retention_period: 2 Years\n"));
  const Activity& a = in.reg.activities.front();
  CHECK(a.id.str() == "app.essential.service");
  CHECK(a.name == "App: Essential for Service");
  REQUIRE(a.bases.size() == 1);
  CHECK(a.bases.front().basis == LegalBasis::consent);
  CHECK(a.special_condition == SpecialCondition::health_care);
  CHECK(a.recipients == std::vector<std::string>{"Lab SA"});
  REQUIRE(a.retention.size() == 1);
  CHECK(a.retention.front().keep == Duration{2, 0, 0});
  CHECK(a.retention.front().action == RetentionAction::review);
  CHECK(a.retention.front().basis == "Fides retention_period: 2 Years");
  // A purpose a declaration grounds on consent needs it.
  CHECK(in.reg.purposes.front().consent_required);
}

TEST_CASE("third parties of data not shared are noted, not made recipients", "[fides]") {
  manifest::FidesImport in = import_text(one_system("user.name",
                                                    "        data_shared_with_third_parties: false\n"
                                                    "        third_parties: Lab SA\n"));
  CHECK(in.reg.activities.front().recipients.empty());
  CHECK(notes(in) == std::vector<std::string>{"not imported: system[0].privacy_declarations[0].third_parties at "
                                              "m.yml:11:9 (data_shared_with_third_parties is false)"});
}

TEST_CASE("two declarations of one use in a system are two activities", "[fides]") {
  std::string two =
      one_system("user.name") +
      "      - { data_categories: [user.name], data_use: essential.service, data_subjects: [employee] }\n";
  manifest::FidesImport in = import_text(two);
  REQUIRE(in.reg.activities.size() == 2);
  CHECK(in.reg.activities[1].id.str() == "app.essential.service-2");
  CHECK(in.reg.purposes.size() == 1);
}

TEST_CASE("bad manifests are refused whole, each problem at its place", "[fides]") {
  CHECK(problems(one_system("user.name") + one_system("user.name")) ==
        std::vector<std::string>{"duplicate system 'app' at m.yml:10:16 (first defined at m.yml:4:16)"});
  CHECK(problems(one_system("user.name", "        legal_basis_for_processing: Contracts\n")) ==
        std::vector<std::string>{"unknown fideslang legal basis 'Contracts' at m.yml:10:37 (did you mean "
                                 "'Contract'?)"});
  CHECK(problems(one_system("user.name", "        data_use: marketing\n")) ==
        std::vector<std::string>{"duplicate key 'data_use' in a privacy declaration at m.yml:10:9"});
  CHECK(problems(one_system("user.name"), "organization:\n  - { fides_key: b, name: B }\n") ==
        std::vector<std::string>{"duplicate key 'organization' in a Fides manifest at m.yml:3:1"});
  CHECK_THROWS_AS(manifest::read_fides({{"e.yml", ""}}, kController, "e.yml"), InputError);
}

TEST_CASE("fideslang's special category legal bases, in full, are the Art. 9(2) conditions", "[fides]") {
  auto condition = [](const std::string& basis) {
    manifest::FidesImport in =
        import_text(one_system("user.health_and_medical", "        special_category_legal_basis: " + basis + "\n"));
    return in.reg.activities.front().special_condition;
  };
  CHECK(condition("Explicit consent") == SpecialCondition::explicit_consent);
  CHECK(condition("\"Employment, social security and social protection\"") == SpecialCondition::employment);
  CHECK(condition("Vital interests") == SpecialCondition::vital_interests);
  CHECK(condition("Not-for-profit bodies") == SpecialCondition::not_for_profit);
  CHECK(condition("Made public by the data subject") == SpecialCondition::made_public);
  CHECK(condition("Legal claims or judicial acts") == SpecialCondition::legal_claims);
  CHECK(condition("Reasons of substantial public interest (with a basis in law)") ==
        SpecialCondition::substantial_public_interest);
  CHECK(condition("Health or social care (with a basis in law)") == SpecialCondition::health_care);
  CHECK(condition("Public health (with a basis in law)") == SpecialCondition::public_health);
  CHECK(condition("\"Archiving, research and statistics (with a basis in law)\"") ==
        SpecialCondition::archiving_research);
  // The short forms read before.
  CHECK(condition("Employment") == SpecialCondition::employment);
  CHECK(condition("Medical") == SpecialCondition::health_care);
}

TEST_CASE("every Art. 9 key of fideslang's taxonomy is special, in fideslang 2 and 3", "[fides]") {
  manifest::FidesImport in = import_text(
      one_system("user.demographic.union_membership, user.demographic.philosophical_belief, "
                 "user.demographic.race_ethnicity, user.demographic.religious_belief, "
                 "user.demographic.political_opinion, user.demographic.sexual_orientation, user.genetic, "
                 "user.health, user.biometrics, user.health_and_medical, user.biometric, user.children, "
                 "user.demographic.gender"));
  auto kind = [&](const char* id) { return in.reg.category(CategoryId(id))->kind; };
  for (const char* id : {"user.demographic.union_membership", "user.demographic.philosophical_belief",
                         "user.demographic.race_ethnicity", "user.demographic.religious_belief",
                         "user.demographic.political_opinion", "user.demographic.sexual_orientation", "user.genetic",
                         "user.health", "user.biometrics", "user.health_and_medical", "user.biometric"}) {
    INFO(id);
    CHECK(kind(id) == DataKind::special);
  }
  CHECK(kind("user.children") == DataKind::identity);
  CHECK(kind("user.demographic.gender") == DataKind::identity);
  CHECK(notes(in).empty());
  // The children of fideslang 3's branches are special too.
  manifest::FidesImport three = import_text(one_system("user.health.diagnosis, user.biometrics.fingerprint"));
  CHECK(three.reg.category(CategoryId("user.health.diagnosis"))->kind == DataKind::special);
  CHECK(three.reg.category(CategoryId("user.biometrics.fingerprint"))->kind == DataKind::special);
}

TEST_CASE("a key unknown below a branch that holds Art. 9 keys and others is refused", "[fides]") {
  CHECK(problems(one_system("user.demographic.caste")) ==
        std::vector<std::string>{
            "data category 'user.demographic.caste' is not in fideslang's taxonomy, and 'user.demographic' holds "
            "keys of several kinds, Art. 9 ones among them at m.yml:7:27 (define it under data_category as a child "
            "of the key of its kind below 'user.demographic', that key as its parent_key)"});
  // Defined below a key of its kind, it takes that kind.
  manifest::FidesImport in = import_text(
      one_system("user.demographic.race_ethnicity.caste"),
      "data_category:\n  - { fides_key: user.demographic.race_ethnicity.caste, parent_key: "
      "user.demographic.race_ethnicity }\n");
  CHECK(in.reg.category(CategoryId("user.demographic.race_ethnicity.caste"))->kind == DataKind::special);
}

TEST_CASE("a parent_key must be its fides_key without the last part, as fideslang requires", "[fides]") {
  CHECK(problems(one_system("user.health_and_medical.notes"),
                 "data_category:\n  - { fides_key: user.health_and_medical.notes, parent_key: user }\n") ==
        std::vector<std::string>{
            "parent_key 'user' of data_category 'user.health_and_medical.notes' does not match its fides_key at "
            "m.yml:4:61 (a parent_key is the fides_key without its last part: write parent_key: "
            "user.health_and_medical, or rename the key below 'user')"});
  // Two entries each other's parent: neither matches its key.
  CHECK(problems(one_system("user.name"),
                 "data_category:\n  - { fides_key: custom.a, parent_key: custom.b }\n"
                 "  - { fides_key: custom.b, parent_key: custom.a }\n") ==
        std::vector<std::string>{
            "parent_key 'custom.b' of data_category 'custom.a' does not match its fides_key at m.yml:4:40 (a "
            "parent_key is the fides_key without its last part: write parent_key: custom, or rename the key below "
            "'custom.b')",
            "parent_key 'custom.a' of data_category 'custom.b' does not match its fides_key at m.yml:5:40 (a "
            "parent_key is the fides_key without its last part: write parent_key: custom, or rename the key below "
            "'custom.a')"});
  // No parent_key, and no parent: the parent is missing.
  CHECK(problems(one_system("custom.cat"), "data_category:\n  - { fides_key: custom.cat }\n") ==
        std::vector<std::string>{
            "data_category 'custom.cat' has no parent_key, and its parent 'custom' is neither a fideslang key nor "
            "defined in the manifests at m.yml:4:18 (define 'custom' under data_category too, or place the key "
            "below a fideslang key, with that key as its parent_key)"});
}

TEST_CASE("consent to special category data on explicit consent makes the purpose's consent explicit",
          "[fides]") {
  manifest::FidesImport in = import_text(one_system("user.health_and_medical",
                                                    "        legal_basis_for_processing: Consent\n"
                                                    "        special_category_legal_basis: Explicit consent\n"));
  REQUIRE(in.reg.purposes.size() == 1);
  CHECK(in.reg.purposes.front().consent_required);
  CHECK(in.reg.purposes.front().explicit_consent);
  manifest::FidesImport plain =
      import_text(one_system("user.name", "        legal_basis_for_processing: Consent\n"));
  CHECK_FALSE(plain.reg.purposes.front().explicit_consent);
}

TEST_CASE("a system without privacy declarations is noted, not dropped unsaid", "[fides]") {
  manifest::FidesImport in = import_text(one_system("user.name") +
                                         "  - fides_key: empty\n"
                                         "    privacy_declarations: []\n");
  CHECK(notes(in) == std::vector<std::string>{"system[1] has no privacy declaration: nothing imported from it at "
                                              "m.yml:11:27 (each privacy declaration becomes an activity of the "
                                              "register)"});
}

TEST_CASE("a manifest that cannot be read is its one problem", "[fides]") {
  auto refused = [](const std::string& text) {
    try {
      (void)manifest::read_fides({{"e.yml", text}}, kController, "e.yml");
    } catch (const InputError& e) {
      std::vector<std::string> out;
      for (const Diagnostic& d : e.diagnostics()) out.push_back(d.str());
      return out;
    }
    return std::vector<std::string>{};
  };
  CHECK(refused("") ==
        std::vector<std::string>{"empty manifest at e.yml:1:1 (remove the file, or describe a system in it)"});
  CHECK(refused("- system\n") ==
        std::vector<std::string>{"expected a mapping for a Fides manifest, found a list at e.yml:1:1"});
  std::vector<std::string> second = refused("organization:\n  - { name: Org }\n---\nsystem: []\n");
  REQUIRE(second.size() == 1);
  CHECK(second.front().starts_with("bad YAML: a second document at e.yml:3:1"));
}

TEST_CASE("YAML merge keys are expanded, as PyYAML does", "[fides]") {
  manifest::FidesImport in = import_text(
      "  - fides_key: app\n"
      "    privacy_declarations:\n"
      "      - &base\n"
      "        data_categories: [user.name]\n"
      "        data_use: essential.service\n"
      "        data_subjects: [customer]\n"
      "        retention_period: 1 year\n"
      "      - <<: *base\n"
      "        data_use: marketing.communications.email\n"
      "        legal_basis_for_processing: Consent\n");
  REQUIRE(in.reg.activities.size() == 2);
  const Activity& merged = in.reg.activities[1];
  CHECK(merged.id.str() == "app.marketing.communications.email");
  CHECK(merged.data == std::vector<CategoryId>{CategoryId("user.name")});
  CHECK(merged.subjects == std::vector<std::string>{"Customer"});
  REQUIRE(merged.retention.size() == 1);
  CHECK(merged.retention.front().keep == Duration{1, 0, 0});
  CHECK(notes(in).empty());
  CHECK(problems("  - fides_key: app\n"
                 "    privacy_declarations:\n"
                 "      - <<: oops\n"
                 "        data_categories: [user.name]\n"
                 "        data_use: essential.service\n"
                 "        data_subjects: [customer]\n") ==
        std::vector<std::string>{"bad YAML: '<<' merges a mapping, or a list of mappings at m.yml:6:13 (name a "
                                 "mapping's anchor: <<: *declaration)"});
}

TEST_CASE("a controller's name of several lines is refused, as --name refuses it", "[fides]") {
  std::string text = "organization:\n  - name: |\n      Org\n      SAS\nsystem:\n" + one_system("user.name");
  try {
    (void)manifest::read_fides({{"m.yml", text}}, kController, "m.yml");
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics().front().str() ==
          "organization[0].name, the controller's name, must be one line at m.yml:2:11 (write it on one line (a "
          "'|' block keeps its line breaks), or give --name)");
  }
  manifest::FidesController named = kController;
  named.name = "Org SAS";
  CHECK(manifest::read_fides({{"m.yml", text}}, named, "m.yml").reg.controller.name == "Org SAS");
}

TEST_CASE("a category defined below a branch of mixed kinds takes its kind with a note", "[fides]") {
  manifest::FidesImport in =
      import_text(one_system("user.demographic.height"),
                  "data_category:\n  - { fides_key: user.demographic.height, parent_key: user.demographic }\n");
  CHECK(in.reg.category(CategoryId("user.demographic.height"))->kind == DataKind::identity);
  CHECK(notes(in) == std::vector<std::string>{"data_category 'user.demographic.height' takes the kind of "
                                              "'user.demographic', which also holds Art. 9 keys at m.yml:4:18 (if "
                                              "it is special category data, define it below the Art. 9 key of its "
                                              "kind)"});
}
