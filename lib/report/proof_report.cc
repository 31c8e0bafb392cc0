#include "report/proof_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <vector>

#include "base/strings.h"
#include "l10n/format.h"
#include "report/summary.h"

namespace dpo::report {

using Json = nlohmann::ordered_json;

void render_ledger_check(const model::LedgerCheck& check, std::string_view format, Lang lang, std::ostream& out) {
  std::string head = to_hex(check.head);
  if (format == "json") {
    Json j{{"ok", check.problem.empty()}, {"events", check.events}, {"head_seq", check.head_seq}, {"head", head}};
    if (!check.problem.empty()) j["problem"] = check.problem;
    if (check.checkpoint_seq)
      j["checkpoint"] = {{"through_seq", check.checkpoint_seq}, {"hash", to_hex(check.checkpoint_hash)}};
    out << j.dump(2) << "\n";
  } else if (check.problem.empty()) {
    out << l10n::say({"ledger verified: {}, head {} (seq {})\n",
                      "registre des consentements vérifié : {}, empreinte de tête {} (n° {})\n"},
                     lang, tally(check.events, {"event", "événement"}, {"events", "événements"}, lang), head,
                     check.head_seq);
  } else {
    out << "ledger broken: " << check.problem << "\n";
  }
}

void render_log_check(const model::DeletionLogCheck& check, std::string_view format, Lang lang, std::ostream& out) {
  std::string head = to_hex(check.head);
  if (format == "json") {
    Json j{{"ok", check.problem.empty()}, {"entries", check.entries}, {"seals", check.seals}, {"head", head}};
    if (!check.problem.empty()) j["problem"] = check.problem;
    out << j.dump(2) << "\n";
  } else if (check.problem.empty()) {
    out << l10n::say({"deletion log verified: {} under {}, head {}\n",
                      "journal des effacements vérifié : {} sous {}, empreinte de tête {}\n"},
                     lang, tally(check.entries, {"entry", "entrée"}, {"entries", "entrées"}, lang),
                     tally(check.seals, {"seal", "sceau"}, {"seals", "sceaux"}, lang), head);
  } else {
    out << "deletion log broken: " << check.problem << "\n";
  }
}

void render_anchor(const std::string& line, std::string_view format, std::ostream& out) {
  if (format != "json") {
    out << line << "\n";
    return;
  }
  std::vector<std::string> parts = split(line, ':');
  Json j{{"anchor", line}, {"position", std::stoll(parts[0])}, {"hash", parts[1]}};
  if (parts.size() > 2) j["mac"] = parts[2];
  out << j.dump(2) << "\n";
}

}  // namespace dpo::report
