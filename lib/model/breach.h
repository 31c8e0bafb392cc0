#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/lang.h"
#include "base/names.h"
#include "model/register.h"
#include "time/duration.h"
#include "time/instant.h"

/// Personal-data breaches as the incident file describes them (docs/design.md 2.4).
namespace dpo::model {

enum class BreachNature { confidentiality, integrity, availability };
/// What happened, precise enough to place it in the circumstances the
/// CNIL's notification form lists (wording(BreachCause)).
enum class BreachCause {
  theft,
  loss,
  malware,
  ransomware,
  hacking,
  misdelivery,
  human_error,
  paper,         ///< paper lost, stolen or left where anyone could read it
  post,          ///< post lost, or opened before it came back to the sender
  disposal,      ///< paper or a device thrown away without destruction or secure erasure
  publication,   ///< published by mistake
  wrong_person,  ///< someone else's data shown in a customer's account
  verbal,        ///< told aloud to someone who should not hear it
  phishing,
  other
};
/// Who caused the breach: someone inside the organisation (or working for
/// it), someone outside, or not known yet; with `malicious`, the CNIL
/// form's origin of the incident.
enum class BreachOrigin { internal, external, unknown };
enum class Encryption { none, state_of_the_art, weak };
enum class BackupState { available, none, not_applicable };
enum class Exfiltration { confirmed, suspected, none };
/// Who has the data now (EDPB Guidelines 9/2022): nobody, a known recipient
/// bound to confidentiality, another known recipient, people unknown,
/// people who want to misuse it, everyone.
enum class Exposure { unknown, known_trusted, known, none, malicious, public_ };
/// How likely harm is to the people, whatever its gravity (EDPB Guidelines
/// 9/2022: risk = likelihood x severity).
enum class Likelihood { unlikely, possible, likely, very_likely };
enum class Identifiability { negligible, limited, significant, maximum };
/// ENISA's data processing context classes.
enum class DataContext { simple, behavioural, financial, sensitive };

std::span<const Named<BreachNature>> breach_natures();
std::span<const Named<BreachCause>> breach_causes();
std::span<const Named<BreachOrigin>> breach_origins();
std::span<const Named<Encryption>> encryptions();
std::span<const Named<BackupState>> backup_states();
std::span<const Named<Exfiltration>> exfiltrations();
std::span<const Named<Exposure>> exposures();
std::span<const Named<Identifiability>> identifiabilities();
std::span<const Named<DataContext>> data_contexts();
std::span<const Named<Likelihood>> likelihoods();

/// The circumstances the risk assessment reads.
struct BreachContext {
  Encryption encryption = Encryption::none;
  BackupState backup = BackupState::not_applicable;
  Exfiltration exfiltration = Exfiltration::suspected;
  Exposure recipients = Exposure::unknown;
  bool recovered = false;  ///< retrieved, or securely deleted by the recipient
  Identifiability identifiability = Identifiability::significant;
  bool vulnerable_subjects = false;
  /// Telling each person would involve disproportionate effort (no contact
  /// details): a public communication replaces it (Art. 34(3)(c)).
  bool disproportionate_effort = false;
  /// How long the data was out of reach (an availability breach): under a
  /// day, harm is unlikely; longer, missing sensitive data can harm.
  std::optional<Duration> unavailable_for;
};

/// One incident, as recorded (the latest version of its file).
struct Incident {
  std::string id;  ///< BR-2026-004
  std::string title;
  Instant aware_at;  ///< the Art. 33 clock starts here
  std::optional<Instant> occurred_at;
  /// When the breach stopped, when it has; `ongoing` when it has not.
  std::optional<Instant> ended_at;
  bool ongoing = false;
  /// How the controller found out (the CNIL form asks it).
  std::string discovery;
  std::vector<BreachNature> nature;
  BreachCause cause = BreachCause::other;
  BreachOrigin origin = BreachOrigin::unknown;
  bool malicious = false;
  std::vector<ActivityId> activities;
  std::vector<CategoryId> data;
  std::vector<std::string> systems;  ///< narrows the count from the store, when given
  /// The people affected, when known (their keys): the count, the draft's
  /// categories of people and the mailing list hold them only.
  std::vector<std::string> affected_subjects;
  /// The categories of people affected, when the DPO knows them (among
  /// those of the incident's activities): the draft names these.
  std::vector<std::string> affected_categories;
  /// Narrow the holdings affected to those collected in this range of days
  /// (the controller's calendar, both ends included).
  std::optional<Date> collected_from;
  std::optional<Date> collected_until;
  std::optional<long long> subjects_estimate;
  std::optional<long long> records_estimate;
  std::optional<DataContext> data_context;  ///< overrides the context found from the data categories
  BreachContext context;
  std::string consequences;
  std::vector<std::string> measures_taken;
  std::vector<std::string> measures_planned;
  bool cross_border = false;  ///< people affected in other Member States
  std::string late_reasons;   ///< why the notification comes after 72 hours, when it does
};

/// One factor of ENISA's severity formula, with why it has its value.
struct Factor {
  std::string_view id;  ///< dpc, dpc-adjustment, ei, cb-confidentiality, cb-integrity, cb-availability, cb-malicious
  double value = 0;
  Text reason;
};

/// The level a likelihood factor holds as its value.
[[nodiscard]] inline Likelihood likelihood_of(const Factor& f) { return static_cast<Likelihood>(static_cast<int>(f.value)); }

enum class Risk { low, medium, high, very_high };
std::span<const Named<Risk>> risks();

/// How many people and records the breach affects, for the volume factor.
struct Volume {
  long long subjects = 0;
  long long records = 0;
};

/// A breach weighed in two steps (docs/design.md 6): the severity of the
/// harm (ENISA 2013), then the likelihood of it (EDPB Guidelines 9/2022),
/// each factor with its reason, and the conclusion with its article.
struct Assessment {
  std::vector<Factor> dpc;  ///< the base class, then any adjustment
  Factor ei;
  std::vector<Factor> cb;
  double dpc_score = 0;
  double cb_score = 0;
  double severity = 0;
  Risk risk = Risk::low;  ///< the severity's level
  /// One factor a property of the data the breach touched (confidentiality,
  /// integrity, availability): its value is the Likelihood, as a number.
  std::vector<Factor> likelihood_factors;
  Likelihood likelihood = Likelihood::unlikely;
  bool notify_authority = false;  ///< Art. 33: unless unlikely to result in a risk
  bool high_risk = false;         ///< Art. 34: likely high risk to the people
  std::optional<Text> exemption;  ///< the Art. 34(3) ground that spares the communication
  /// Art. 34(3)(c): the people are told by a public communication.
  bool public_communication = false;
  [[nodiscard]] bool communicate() const { return high_risk && !exemption; }
  Text notify_reason;       ///< why Art. 33(1) applies, or why the risk is unlikely
  Text communicate_reason;  ///< why Art. 34(1) applies or does not
  Text conclusion;
};

/// The DPO's own conclusion on a breach (dpo breach decide): what the
/// register, the drafts and the audit follow instead of the assessment.
/// Accountability (Art. 5(2)) is the decision and its reasons.
struct BreachDecision {
  bool notify = false;       ///< the authority (Art. 33)
  bool communicate = false;  ///< the people (Art. 34)
  std::string reason;
  Instant at;
  std::string actor;
};

/// Where the decision departs from the assessment: on notifying, on telling
/// the people.
struct Departures {
  bool notify = false;
  bool communicate = false;
  [[nodiscard]] bool any() const { return notify || communicate; }
};
[[nodiscard]] inline Departures departures(const BreachDecision& d, const Assessment& a) {
  return {d.notify != a.notify_authority, d.communicate != a.communicate()};
}

/// A notification to the supervisory authority: the initial one, or a
/// complementary one (Art. 33(4)).
struct BreachNotification {
  Instant at;
  bool complementary = false;
  std::string reasons;  ///< why it came later than 72 hours, if it did
};

/// The 72-hour clock of Art. 33(1): counted in hours, no weekend roll-over.
inline constexpr std::chrono::hours kNotificationClock{72};
/// When the clock from `aware_at` runs out; held at last_instant() (an
/// incident whose clock would run past it is refused when read, but an older
/// dpokit recorded such ones).
[[nodiscard]] Instant notification_due(Instant aware_at);

/// Whole hours from `from` to `to` (`to` not earlier), rounded up, the way a
/// delay or a lateness is told, or down, the way time left is.
[[nodiscard]] long long hours_up(Instant from, Instant to);
[[nodiscard]] long long hours_down(Instant from, Instant to);

}  // namespace dpo::model
