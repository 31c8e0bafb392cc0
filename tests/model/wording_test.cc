#include <catch2/catch.hpp>

#include <string>

#include "model/wording.h"

using dpo::Lang;
using dpo::model::Safeguard;
using dpo::model::wording;

namespace {
const std::string nn = "\u202F";
}

TEST_CASE("a transfer's safeguard is named in words with the article it rests on") {
  CHECK(wording(Safeguard::scc_2021, Lang::en) == "standard contractual clauses (2021) (Art. 46(2)(c))");
  CHECK(wording(Safeguard::scc_2021, Lang::fr) == "clauses contractuelles types (2021) (art. 46.2.c du RGPD)");
  CHECK(wording(Safeguard::dpf, Lang::en) == "EU-US Data Privacy Framework (Art. 45)");
  CHECK(wording(Safeguard::derogation_49_1_b, Lang::fr) ==
        "dérogation" + nn + ": exécution d\u2019un contrat avec la personne (art. 49.1.b du RGPD)");
  CHECK(wording(Safeguard::derogation_49_1_b, Lang::en) == "derogation: a contract with the person (Art. 49(1)(b))");
}
