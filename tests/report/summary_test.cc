#include <catch2/catch.hpp>

#include <sstream>

#include "manifest/register_file.h"
#include "report/audit_report.h"
#include "report/consent_report.h"
#include "report/proof_report.h"
#include "report/purge_report.h"
#include "report/register_report.h"
#include "report/request_report.h"
#include "report/sar_report.h"
#include "report/store_report.h"
#include "report/subject_report.h"
#include "report/summary.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::report;

namespace {

// The narrow no-break space French puts before ':' and ';', and groups figures with.
const std::string nb = "\u202F";

const Zone& paris() {
  static Zone z = *Zone::find("Europe/Paris");
  return z;
}

model::Register example() {
  return manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg;
}

Sha256 head_of(unsigned char first) {
  Sha256 h{};
  h[0] = first;
  h[1] = 0xAB;
  return h;
}

template <class Check, class Render>
std::string rendered(const Check& check, Lang lang, Render render) {
  std::ostringstream out;
  render(check, "text", lang, out);
  return out.str();
}

}  // namespace

TEST_CASE("a summary's counts stay bare in English and agree with their noun in French", "[report][summary]") {
  CHECK(tally(12040, {"record", "enregistrement"}, {"records", "enregistrements"}, Lang::en) == "12040 records");
  CHECK(tally(1, {"record", "enregistrement"}, {"records", "enregistrements"}, Lang::en) == "1 record");
  CHECK(tally(12040, {"record", "enregistrement"}, {"records", "enregistrements"}, Lang::fr) ==
        "12" + nb + "040 enregistrements");
  // French puts 0 and 1 in the singular.
  CHECK(tally(0, {"changed", "ligne modifiée"}, {"changed", "lignes modifiées"}, Lang::fr) == "0 ligne modifiée");
  CHECK(tally(0, {"changed", "ligne modifiée"}, {"changed", "lignes modifiées"}, Lang::en) == "0 changed");
  CHECK(figure(12040, Lang::en) == "12040");
  CHECK(figure(12040, Lang::fr) == "12" + nb + "040");
  CHECK(progress_line(12000, 243000, kHoldings, 4, Lang::en) == "12000/243000 holdings (4%)");
  CHECK(progress_line(12000, 243000, kHoldings, 4, Lang::fr) ==
        "12" + nb + "000/243" + nb + "000 données (4" + nb + "%)");
}

TEST_CASE("the register import's summary in English and in French", "[report][summary]") {
  model::Register reg = example();
  RegisterImport first{"examples/training-org/register.yaml", 246, 0, 0, true};
  CHECK(register_imported(first, reg, Lang::en) ==
        "imported 'examples/training-org/register.yaml': 8 activities, 9 purposes, 12 data categories, 5 processors; "
        "246 rows added, 0 changed, 0 removed");
  CHECK(register_imported(first, reg, Lang::fr) ==
        "import de 'examples/training-org/register.yaml'" + nb +
            ": 8 traitements, 9 finalités, 12 catégories de données, 5 sous-traitants" + nb +
            "; 246 lignes ajoutées, 0 ligne modifiée, 0 ligne supprimée");
  RegisterImport one{"r.yaml", 1, 2, 1, true};
  CHECK(register_imported(one, reg, Lang::en).ends_with("; 1 row added, 2 changed, 1 removed"));
  CHECK(
      register_imported(one, reg, Lang::fr).ends_with(nb + "; 1 ligne ajoutée, 2 lignes modifiées, 1 ligne supprimée"));
  RegisterImport none{"r.yaml", 0, 0, 0, false};
  CHECK(register_imported(none, reg, Lang::en).ends_with("5 processors; no change"));
  CHECK(register_imported(none, reg, Lang::fr).ends_with("5 sous-traitants" + nb + "; aucun changement"));
  CHECK(register_valid("-", reg, Lang::fr) ==
        "-" + nb + ": registre valide (8 traitements, 9 finalités, 12 catégories de données, 5 sous-traitants)");
}

TEST_CASE("the subject import's summary in English and in French, with what it left out", "[report][summary]") {
  SubjectImport plain{"subjects.jsonl", 223, 223, 0, 1, 0};
  CHECK(subjects_imported(plain, Lang::en) ==
        "imported 'subjects.jsonl': 223 records; subjects 223 added, 0 changed; holdings 1 added, 0 changed");
  CHECK(subjects_imported(plain, Lang::fr) == "import de 'subjects.jsonl'" + nb + ": 223 enregistrements" + nb +
                                                  "; personnes concernées" + nb + ": 223 ajoutées, 0 modifiée" + nb +
                                                  "; données détenues" + nb + ": 1 ajoutée, 0 modifiée");
  SubjectImport all{"s.jsonl", 10, 5, 1, 8, 2, 3, 1, 4, 1};
  CHECK(subjects_imported(all, Lang::en) ==
        "imported 's.jsonl': 10 records; subjects 5 added, 1 changed; holdings 8 added, 2 changed; skipped 3 erased on "
        "request (--allow-suppressed imports them); 1 erased on request imported again; left out 4 holdings of people "
        "who objected to direct marketing (--allow-suppressed imports them); 1 identifier left with the subject that "
        "had it");
  CHECK(subjects_imported(all, Lang::fr) ==
        "import de 's.jsonl'" + nb + ": 10 enregistrements" + nb + "; personnes concernées" + nb +
            ": 5 ajoutées, 1 modifiée" + nb + "; données détenues" + nb + ": 8 ajoutées, 2 modifiées" + nb +
            "; 3 personnes écartées, effacées à leur demande (--allow-suppressed les importe)" + nb +
            "; 1 personne effacée à sa demande importée de nouveau" + nb +
            "; 4 données écartées de personnes opposées à la prospection commerciale (--allow-suppressed les importe)" +
            nb + "; 1 identifiant laissé à la personne qui l’avait déjà");
}

TEST_CASE("the consent import's summary in English and in French, hash and sequence as they are", "[report][summary]") {
  ConsentImport i{"consents.jsonl", 267, 267, 0, head_of(0x5D), 267, 0};
  std::string head = "5dab000000000000";
  CHECK(consents_imported(i, Lang::en) ==
        "imported 'consents.jsonl': 267 events; 267 added, 0 already in the ledger; head " + head + " (seq 267)");
  CHECK(consents_imported(i, Lang::fr) == "import de 'consents.jsonl'" + nb + ": 267 événements" + nb +
                                              "; 267 ajoutés, 0 déjà dans le registre des consentements" + nb +
                                              "; empreinte de tête " + head + " (n° 267)");
  ConsentImport left{"c.jsonl", 2, 1, 0, head_of(0x5D), 9, 1};
  CHECK(consents_imported(left, Lang::en) ==
        "imported 'c.jsonl': 2 events; 1 added, 0 already in the ledger; left out 1 grant to purposes their subject "
        "objected to (--allow-suppressed records them); head " +
            head + " (seq 9)");
  CHECK(consents_imported(left, Lang::fr) ==
        "import de 'c.jsonl'" + nb + ": 2 événements" + nb + "; 1 ajouté, 0 déjà dans le registre des consentements" +
            nb +
            "; 1 consentement écarté à des finalités auxquelles la personne s’est opposée (--allow-suppressed les "
            "enregistre)" +
            nb + "; empreinte de tête " + head + " (n° 9)");
}

TEST_CASE("the ledger's and the deletion log's verification in English and in French", "[report][summary]") {
  model::LedgerCheck ledger;
  ledger.events = 267;
  ledger.head = head_of(0x5D);
  ledger.head_seq = 267;
  std::string head = "5dab" + std::string(60, '0');
  CHECK(rendered(ledger, Lang::en, render_ledger_check) ==
        "ledger verified: 267 events, head " + head + " (seq 267)\n");
  CHECK(rendered(ledger, Lang::fr, render_ledger_check) ==
        "registre des consentements vérifié" + nb + ": 267 événements, empreinte de tête " + head + " (n° 267)\n");
  // What broke it is a diagnostic: English whatever the language.
  ledger.problem = "event 12 was changed";
  CHECK(rendered(ledger, Lang::fr, render_ledger_check) == "ledger broken: event 12 was changed\n");

  model::DeletionLogCheck log;
  log.entries = 6;
  log.seals = 1;
  log.head = head_of(0x5D);
  CHECK(rendered(log, Lang::en, render_log_check) ==
        "deletion log verified: 6 entries under 1 seal, head " + head + "\n");
  CHECK(rendered(log, Lang::fr, render_log_check) ==
        "journal des effacements vérifié" + nb + ": 6 entrées sous 1 sceau, empreinte de tête " + head + "\n");
}

TEST_CASE("what a hold, a task, a batch, an audit and init say, in English and in French", "[report][summary]") {
  model::LegalHold hold;
  hold.activity = model::ActivityId("delivery");
  hold.category = model::CategoryId("identity");
  hold.until = *parse_instant("2027-03-01", paris());
  CHECK(hold_set(hold, paris(), Lang::en) == "legal hold set on delivery/identity, until 2027-03-01T00:00:00+01:00");
  CHECK(hold_set(hold, paris(), Lang::fr) ==
        "conservation pour un contentieux posée sur delivery/identity, jusqu’au 1er mars 2027 à 0 h 00");
  hold.activity.reset();
  hold.category.reset();
  hold.until.reset();
  CHECK(hold_set(hold, paris(), Lang::en) == "legal hold set on everything held, until released");
  CHECK(hold_set(hold, paris(), Lang::fr) ==
        "conservation pour un contentieux posée sur tout ce qui est détenu, jusqu’à sa levée");
  CHECK(hold_released(3, Lang::en) == "released legal hold 3");
  CHECK(hold_released(3, Lang::fr) == "conservation pour un contentieux n° 3 levée");

  CHECK(tasks_closed(1, Lang::en) == "closed 1 erasure task");
  CHECK(tasks_closed(2, Lang::en) == "closed 2 erasure tasks");
  CHECK(tasks_closed(1, Lang::fr) == "1 tâche d’effacement close");
  CHECK(tasks_closed(2, Lang::fr) == "2 tâches d’effacement closes");
  CHECK(task_cancelled(2, Lang::en) == "cancelled erasure task 2");
  CHECK(task_cancelled(2, Lang::fr) == "tâche d’effacement 2 annulée");
  CHECK(no_deletion_entry(Lang::fr) == "aucune entrée du journal des effacements pour cette personne");
  CHECK(archived_not_shown(2, Lang::en) == "2 archived holdings not shown; --archived shows them");
  CHECK(archived_not_shown(1, Lang::fr) == "1 donnée archivée non affichée" + nb + "; --archived l’affiche");

  CHECK(batch_exported(3, "out", 1, Lang::en) == "3 exported to 'out', 1 unknown");
  CHECK(batch_exported(3, "out", 1, Lang::fr) == "3 personnes exportées dans 'out', 1 inconnue");
  Instant at = *parse_instant("2026-11-30", paris());
  CHECK(audit_recorded(at, paris(), false, Lang::en) == "recorded the audit as of 2026-11-30T00:00:00+01:00");
  CHECK(audit_recorded(at, paris(), true, Lang::fr) == "audit arrêté au 30 novembre 2026 à 0 h 00 remplacé");
  CHECK(store_initialised("/srv/dpo.sqlite", Lang::en) == "initialised an empty dpo store in /srv/dpo.sqlite");
  CHECK(store_initialised("/srv/dpo.sqlite", Lang::fr) == "base dpo vide créée dans /srv/dpo.sqlite");
}

TEST_CASE("a request from someone unknown says what to do next in the request's language", "[report][summary]") {
  model::SubjectRequest r;
  r.id = 4;
  r.requester = model::Identifier{"phone", "+33612345678"};
  // The kind of contact, never its value: it is personal data.
  CHECK(requester_unknown(r, Lang::en) ==
        "no subject in the store has this phone: 'dpo sar export --request 4' answers that no data is held, or 'dpo "
        "sar link 4 KEY' links the request to a subject");
  CHECK(requester_unknown(r, Lang::fr) == "aucune personne de la base n’a ce numéro de téléphone" + nb +
                                              ": 'dpo sar export --request 4' répond qu’aucune donnée n’est détenue, "
                                              "ou 'dpo sar link 4 KEY' rattache la demande à une personne");
}
