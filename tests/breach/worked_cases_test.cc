// The worked cases of tests/data/breaches/: incidents written from the EDPB's
// published examples (Guidelines 01/2021; Guidelines 9/2022, annex B), each
// with the conclusion the EDPB gives in a '# expect:' comment. The
// assessment reasons from the guidance; these cases check it, they do not
// tune it. "any" means the guidance leaves the people's information to the
// circumstances.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "breach/assess.h"
#include "manifest/incident_file.h"
#include "manifest/register_file.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::model;

namespace {

struct Case {
  std::string file;
  std::string notify;       // yes | no
  std::string communicate;  // yes | no | any
};

std::vector<Case> cases(const std::filesystem::path& dir) {
  std::vector<Case> out;
  static const std::regex kExpect("# expect: notify=(yes|no) communicate=(yes|no|any)");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename() == "register.yaml" || entry.path().extension() != ".yaml") continue;
    std::string text = test::read_text(entry.path());
    std::smatch m;
    REQUIRE(std::regex_search(text, m, kExpect));
    out.push_back({entry.path().filename().string(), m[1], m[2]});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.file < b.file; });
  return out;
}

}  // namespace

TEST_CASE("the assessment agrees with the EDPB's conclusions on the worked cases", "[breach]") {
  const std::filesystem::path dir = test::source_dir() / "tests/data/breaches";
  Register reg = manifest::load_register(dir / "register.yaml").reg;
  Zone paris = *Zone::find("Europe/Paris");
  std::vector<Case> all = cases(dir);
  REQUIRE(all.size() >= 24);
  int agree = 0;
  std::vector<std::string> disagree;
  for (const Case& c : all) {
    Incident i = manifest::load_incident(dir / c.file, reg, paris);
    Assessment a = breach::assess(i, reg, Volume{*i.subjects_estimate, *i.records_estimate});
    bool notify_ok = a.notify_authority == (c.notify == "yes");
    bool communicate_ok = c.communicate == "any" || a.communicate() == (c.communicate == "yes");
    if (notify_ok && communicate_ok)
      ++agree;
    else
      disagree.push_back(c.file + ": notify " + (a.notify_authority ? "yes" : "no") + ", communicate " +
                         (a.communicate() ? "yes" : "no") + "; expected " + c.notify + ", " + c.communicate);
  }
  WARN("worked cases: " << agree << " of " << all.size() << " agree with the EDPB's conclusion");
  for (const std::string& d : disagree) WARN("disagrees: " << d);
  CHECK(disagree.empty());
}
