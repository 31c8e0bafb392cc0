#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/names.h"
#include "model/register.h"
#include "time/instant.h"

/// Data subjects and the personal data held about them (docs/design.md 2.2).
namespace dpo::model {

using SubjectKey = Id<struct SubjectTag>;

/// A value that finds a subject: an email, a phone number, a CRM id.
struct Identifier {
  std::string kind;   ///< "email", "phone", "crm", ...
  std::string value;  ///< normalised (see normalise_identifier)
  bool operator==(const Identifier&) const = default;
};

/// How a letter addresses a person: "Madame," or "Monsieur,". Only what the
/// person's record says; never inferred from a name (docs/design.md 2.2).
enum class Civility { madam, sir };
std::span<const Named<Civility>> civilities();

/// What a letter to the person needs, and only that: their name as a letter
/// is addressed, their postal address a line at a time, and their form of
/// address. Personal data, but not identifiers: two people may share a name.
struct Addressee {
  std::string name;                         ///< empty: not held
  std::vector<std::string> postal_address;  ///< its lines; empty: not held
  std::optional<Civility> civility;
  bool operator==(const Addressee&) const = default;
};

/// A subject's part in an activity, with the dates retention counts from.
struct Engagement {
  ActivityId activity;
  std::optional<Instant> started;
  std::optional<Instant> ended;
  std::optional<Instant> last_contact;
};

/// The system name of data kept in the store only: removing it needs no
/// erasure task elsewhere.
inline constexpr std::string_view kStoreSystem = "dpokit";

/// One piece of personal data: its value, or a reference into the system holding it.
struct Holding {
  ActivityId activity;
  CategoryId category;
  std::string system;
  Instant collected;
  std::string value;  ///< set when the value is kept in the store
  std::string ref;    ///< set when it lives elsewhere ("lms:users/42")
  std::int64_t id = 0;  ///< the store's row, once stored (SubjectView); 0 in an input file
  /// When a purge moved it to intermediate archiving (an `archive` rule);
  /// only ever set by the store.
  std::optional<Instant> archived{};
};

/// A line of a subjects file: what it says about one subject. Absent fields
/// leave what the store already holds unchanged.
struct Subject {
  SubjectKey key;
  std::vector<Identifier> identifiers;
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> postal_address;
  std::optional<Civility> civility;
  std::optional<Date> birth_date;
  std::optional<bool> cpf_funded;
  std::optional<bool> legal_hold;
  std::vector<Engagement> engagements;
  std::vector<Holding> holdings;
};

/// A legal hold (Art. 17(3)(e): data kept for the establishment, exercise or
/// defence of legal claims) on one subject: on everything held about them,
/// on one activity's holdings, or on one data category (of one activity or
/// of all); from `since` until `until`, or until released. While it runs,
/// neither retention nor an erasure request removes what it covers.
struct LegalHold {
  std::int64_t id = 0;
  std::optional<ActivityId> activity;  ///< none: every activity
  std::optional<CategoryId> category;  ///< none: every category
  std::string reason;
  Instant since;
  std::optional<Instant> until;  ///< none: until released

  [[nodiscard]] bool active(Instant now) const { return since <= now && (!until || *until > now); }
  [[nodiscard]] bool covers(const ActivityId& a, const CategoryId& c) const {
    return (!activity || *activity == a) && (!category || *category == c);
  }
};

/// Whether a legal hold keeps a holding at an instant, and until when.
struct HoldOn {
  bool held = false;
  std::optional<Instant> until;  ///< none while held: until released
};

/// What an objection to direct marketing (Art. 21(3)) keeps listed of one
/// person: the purposes objected to, or every marketing purpose for a
/// listing made before the store kept them.
struct Objection {
  bool every = false;
  std::vector<PurposeId> purposes;
  Instant since;  ///< when the latest objection was listed
  /// Whether the objection covers `purpose`: a marketing purpose objected to.
  [[nodiscard]] bool covers(const Purpose& purpose) const;
};

/// The activities an objection leaves with no ground (Art. 17(1)(c)): those
/// all of whose purposes it covers.
[[nodiscard]] std::vector<ActivityId> objected_activities(const Register& reg, const Objection& objection);

/// Everything the store holds about one subject.
struct SubjectView {
  SubjectKey key;
  std::vector<Identifier> identifiers;
  Addressee addressee;
  std::optional<Date> birth_date;
  bool cpf_funded = false;
  bool legal_hold = false;  ///< a hold on the whole person, set by an import, until an import clears it
  std::vector<LegalHold> holds;  ///< holds set by `dpo subject hold` and not released, running or not
  std::vector<Engagement> engagements;
  std::vector<Holding> holdings;
};

/// Whether `subject`'s legal holds keep holding `h` at `now`: the import's
/// flag or a running hold that covers it; until the last of them ends.
[[nodiscard]] HoldOn hold_on(const SubjectView& subject, const Holding& h, Instant now);

/// The form the store keeps an identifier in, and lookups search: emails
/// trimmed and lower-cased whole (docs/design.md 2.2 says why the local part
/// too); phone numbers in E.164, a number written without its country code
/// read as one of `region` (the controller's country), nullopt when it is
/// not a valid number (l10n::phone_e164); other kinds trimmed.
[[nodiscard]] std::optional<std::string> normalise_identifier(const std::string& kind, const std::string& value,
                                                              std::string_view region);

}  // namespace dpo::model
