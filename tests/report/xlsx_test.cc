#include <catch2/catch.hpp>

#include "report/xlsx.h"

using dpo::report::xlsx::sheet_names;
using Names = std::vector<std::string>;

TEST_CASE("sheet names follow Excel's rules: at most 31 characters, none it forbids, no edge apostrophe", "[xlsx]") {
  CHECK(sheet_names({"Registre", "Paie: bulletins [2026]/archives?"}) ==
        Names{"Registre", "Paie bulletins 2026 archives"});
  CHECK(sheet_names({"Satisfaction surveys and complaints"}) == Names{"Satisfaction surveys and\u2026"});
  CHECK(sheet_names({"Accommodation of learners with a disability"}) == Names{"Accommodation of learners with\u2026"});
  CHECK(sheet_names({"Gestion des réclamations et des échanges"}) == Names{"Gestion des réclamations et\u2026"});
  CHECK(sheet_names({"'Quoted'", "***", ""}) == Names{"Quoted", "Sheet", "Sheet (2)"});
}

TEST_CASE("sheet names are unique whatever their case, and never Excel's History", "[xlsx]") {
  CHECK(sheet_names({"Registre", "registre", "REGISTRE"}) == Names{"Registre", "registre (2)", "REGISTRE (3)"});
  CHECK(sheet_names({"History"}) == Names{"History (2)"});
  CHECK(sheet_names({"Satisfaction surveys and complaints", "Satisfaction surveys and complaints"}) ==
        Names{"Satisfaction surveys and\u2026", "Satisfaction surveys and\u2026 (2)"});
}
