#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "base/names.h"
#include "model/purge.h"
#include "model/register.h"
#include "model/request.h"
#include "model/retention.h"
#include "report/letter.h"
#include "time/instant.h"

/// The letters a DPO sends about a logged request, besides the access
/// answer (report/sar_report.h): the extension notice, the refusal, the
/// acknowledgement of an objection and the answer to an erasure request.
/// Each is framed by open_letter() and close_letter(); dpo-sar(1) gives
/// each sentence's article.
namespace dpo::report {

/// The kinds of letter `dpo sar letter` writes.
enum class LetterKind { access, extension, refusal, objection, erasure };
[[nodiscard]] std::span<const Named<LetterKind>> letter_kinds();

/// The extension notice (Art. 12(3)): the request, extended with its reasons.
struct ExtensionLetter {
  LetterHead head;           ///< head.request is set and extended
  Date first_due{};  ///< the deadline the extension moved
};

/// The refusal (Art. 12(4)): the request, closed as refused; its outcome
/// holds the reasons.
struct RefusalLetter {
  LetterHead head;  ///< head.request is set and refused
};

/// The acknowledgement of an objection (Art. 21).
struct ObjectionLetter {
  LetterHead head;                   ///< head.request is set, an objection
  std::vector<std::string> purposes{};  ///< labels of the direct-marketing purposes objected to; empty: Art. 21(1)
  std::optional<Instant> since{};  ///< when the objection to them took effect
  std::optional<Instant> listed_until{};  ///< the end of the objection list's period
  std::vector<std::string> erased{};  ///< names of the activities whose data the objection erased (Art. 17(1)(c))
};

/// A holding an erasure request left in place, worded for the person.
struct KeptPart {
  std::string activity;  ///< its name
  std::string category;  ///< its label
  model::KeptBecause reason = model::KeptBecause::legal_obligation;
  std::optional<Instant> until;  ///< when it goes, if known
  /// When `until` is unknown: the rule's period and what it counts from.
  std::optional<Duration> keep{};
  std::optional<model::Trigger> from{};
};

/// The answer to an erasure request (Art. 17, 12(3)), from what the
/// erasure run recorded.
struct ErasureLetter {
  LetterHead head;  ///< head.request is set, an erasure request
  Instant done_at{};  ///< the erasure run's instant
  struct Erased {
    std::string activity;  ///< its name
    std::string category;  ///< its label
  };
  std::vector<Erased> erased{};
  bool subject_erased = false;  ///< the person's record and identifiers went too
  std::optional<Instant> listed_until{};  ///< with a whole erasure: the suppression list's period
  std::vector<KeptPart> kept{};
  std::vector<model::ErasureTask> tasks{};  ///< what other systems erase, done or not
};

void render_letter(const ExtensionLetter& letter, std::string_view format, Lang lang, std::ostream& out);
void render_letter(const RefusalLetter& letter, std::string_view format, Lang lang, std::ostream& out);
void render_letter(const ObjectionLetter& letter, std::string_view format, Lang lang, std::ostream& out);
void render_letter(const ErasureLetter& letter, std::string_view format, Lang lang, std::ostream& out);

/// The messages of `dpo sar letter`: a kind the request does not allow, and
/// the copies to attach to an access letter (for the sender, on standard
/// error).
[[nodiscard]] std::string letter_not_allowed(std::int64_t request, LetterKind kind, std::string_view why);
[[nodiscard]] std::string attach_copy(int annex, const std::string& system, const std::string& ref, Lang lang);

}  // namespace dpo::report
