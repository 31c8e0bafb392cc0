#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/register.h"
#include "model/request.h"
#include "model/subject.h"
#include "time/instant.h"

namespace dpo::report {

/// A document for people, written a block at a time as plain text, Markdown
/// or one HTML page (no network); every piece of text is escaped for its
/// format, so a value cannot open a link, a tag or a table cell. Text is
/// written as given: dpokit's own phrases come typeset (l10n::say).
class Letter {
 public:
  /// `format`: "text", "md" or "html".
  Letter(std::string_view format, std::ostream& out);
  /// `css` is added to the page's style sheet (HTML only).
  void begin(const std::string& title, Lang lang, std::string_view css = {});
  void end();
  void heading(int level, const std::string& text);
  void para(const std::string& text);
  /// Lines kept apart in one block: an address, a signature.
  void lines(const std::vector<std::string>& lines);
  /// A paragraph set in bold: a letter's "Objet" line.
  void strong(const std::string& text);
  void list(const std::vector<std::string>& items);
  void table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows);

 private:
  enum class Kind { text, md, html } kind_;
  std::ostream& out_;
  Lang lang_ = Lang::en;
  [[nodiscard]] std::string md(const std::string& text) const;
  [[nodiscard]] std::string html(const std::string& text) const;
};

/// Who a letter is written to: what the store holds of the person (their
/// name, postal address and form of address, and their email), or, for
/// someone not in the store, what they gave when they asked.
struct Recipient {
  std::string name;
  std::optional<model::Civility> civility;  ///< none: "Madame, Monsieur"
  std::vector<std::string> address;         ///< postal address, a line each
  std::string email;
};

/// The recipient a subject of the store is: their addressee fields and
/// their first email.
[[nodiscard]] Recipient recipient_of(const model::SubjectView& subject);
/// The recipient of a request from someone not in the store: the name or
/// email they gave.
[[nodiscard]] Recipient recipient_of(const model::Identifier& requester);

/// What frames every letter to a person: who writes (the register's
/// controller, signed by its DPO), to whom, when, and the request answered.
struct LetterHead {
  const model::Controller& controller;
  Recipient recipient{};
  std::optional<model::SubjectRequest> request{};  ///< none: a letter tied to no logged request
  Instant as_of{};
  Zone zone{};
};

/// The place a letter is written from: the town of the controller's address
/// (the part after a postcode, "69001 Lyon" gives "Lyon"), empty if none.
[[nodiscard]] std::string town_of(const std::string& address);

/// Opens a letter: the sender's block, the recipient's, place and date, the
/// "Objet" line (`subject`, with the request's reference and the day it
/// was received when there is one) and the salutation.
void open_letter(Letter& letter, const LetterHead& head, const std::string& subject, Lang lang);
/// Closes it: the closing formula, the DPO's signature and the authority a
/// complaint goes to, with its address (Art. 77; and Art. 79's judicial
/// remedy when `remedy` says so).
enum class Remedy { complaint, complaint_and_court };
void close_letter(Letter& letter, const LetterHead& head, Remedy remedy, Lang lang);

}  // namespace dpo::report
