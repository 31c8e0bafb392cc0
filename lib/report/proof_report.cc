#include "report/proof_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <vector>

#include "base/strings.h"

namespace dpo::report {

using Json = nlohmann::ordered_json;

void render_ledger_check(const model::LedgerCheck& check, std::string_view format, std::ostream& out) {
  std::string head = to_hex(check.head);
  if (format == "json") {
    Json j{{"ok", check.problem.empty()}, {"events", check.events}, {"head_seq", check.head_seq}, {"head", head}};
    if (!check.problem.empty()) j["problem"] = check.problem;
    if (check.checkpoint_seq)
      j["checkpoint"] = {{"through_seq", check.checkpoint_seq}, {"hash", to_hex(check.checkpoint_hash)}};
    out << j.dump(2) << "\n";
  } else if (check.problem.empty()) {
    out << fmt::format("ledger verified: {} events, head {} (seq {})\n", check.events, head, check.head_seq);
  } else {
    out << "ledger broken: " << check.problem << "\n";
  }
}

void render_log_check(const model::DeletionLogCheck& check, std::string_view format, std::ostream& out) {
  std::string head = to_hex(check.head);
  if (format == "json") {
    Json j{{"ok", check.problem.empty()}, {"entries", check.entries}, {"seals", check.seals}, {"head", head}};
    if (!check.problem.empty()) j["problem"] = check.problem;
    out << j.dump(2) << "\n";
  } else if (check.problem.empty()) {
    out << fmt::format("deletion log verified: {} entries under {} seals, head {}\n", check.entries, check.seals, head);
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
