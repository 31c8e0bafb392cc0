#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/register.h"
#include "model/request.h"
#include "model/retention.h"
#include "model/subject.h"
#include "report/consent_report.h"
#include "report/letter.h"
#include "time/instant.h"

/// The answer to a subject-access request (Art. 15, with the Art. 20
/// portable part marked): a JSON document for programs
/// (schemas/sar.schema.json), and a letter for the person.
namespace dpo::report {

/// A holding with the retention rule that applies to it and when it goes.
struct SarHolding {
  model::Holding holding;
  std::optional<model::RuleDeadline> rule;  ///< none: no rule covers it
  std::optional<Instant> erasure;           ///< none: its trigger has not happened yet
};

/// Everything the store holds about one subject, and the register around it.
struct SarInput {
  const model::Register& reg;
  model::SubjectKey key{};
  std::vector<model::Identifier> identifiers{};
  model::Addressee addressee{};  ///< name, postal address and form of address, as held
  std::optional<Date> birth_date{};
  bool cpf_funded = false;
  bool legal_hold = false;
  std::vector<model::LegalHold> holds{};         ///< the holds running at as_of
  std::vector<model::Engagement> engagements{};  ///< in register order
  std::vector<SarHolding> holdings{};            ///< in register order
  ReceiptInput consents{};                       ///< the subject's consent events, in time order
  std::vector<model::SubjectRequest> requests{};
  /// Someone the store holds nothing about, as they asked (email, phone or
  /// name): the answer is that no data is processed (Art. 15(1)), and every
  /// field above but `reg` and `requests` stays empty.
  std::optional<model::Identifier> requester{};
  Instant as_of{};
  Zone zone{};
  Recipient recipient{};                       ///< who the letter is addressed to
  std::optional<model::SubjectRequest> answering{};  ///< the logged request the letter answers, if any
};

/// A holding kept in another system, whose copy goes with the letter as an
/// annex: the sender exports the record and attaches it (Art. 15(3)).
struct AttachedCopy {
  int number = 0;  ///< the annex's number, from 1, in the letter's order
  model::Holding holding;
};
/// The annexes the letter for `input` lists.
[[nodiscard]] std::vector<AttachedCopy> attached_copies(const SarInput& input);

/// The subject's data under Art. 15 as JSON: deterministic for the same store
/// and as_of, and about this subject only.
[[nodiscard]] nlohmann::ordered_json sar_json(const SarInput& in);

/// The letter to the subject, in "md", "html" (one page, no network) or
/// "text": the same facts as sar_json(), from the same input, framed as a
/// letter (report/letter.h) ready to send.
void render_sar_letter(const SarInput& input, std::string_view format, Lang lang, std::ostream& out);

/// The export in `format`: json (sar_json, indented) or a letter (md, html, text).
[[nodiscard]] std::string render_sar(const SarInput& in, std::string_view format, Lang lang);

/// The messages of a batch export: a line naming no subject, a subject
/// named twice, and the run's end.
[[nodiscard]] std::string batch_unknown_line(const std::string& batch, int line);
[[nodiscard]] std::string batch_repeated_line(const std::string& batch, int line);
[[nodiscard]] std::string batch_exported(std::size_t exported, const std::string& out_dir, long long unknown,
                                         Lang lang);

}  // namespace dpo::report
