#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/id.h"
#include "base/names.h"
#include "time/duration.h"
#include "time/instant.h"

/// The Art. 30 record of processing activities, as plain values (docs/design.md 2.1).
namespace dpo::model {

using ActivityId = Id<struct ActivityTag>;
using PurposeId = Id<struct PurposeTag>;
using CategoryId = Id<struct CategoryTag>;
using ProcessorId = Id<struct ProcessorTag>;

/// Art. 6(1) (a)-(f).
enum class LegalBasis { consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests };
/// Art. 9(2) (a)-(j): the condition that lifts the ban on special categories.
enum class SpecialCondition {
  explicit_consent,
  employment,
  vital_interests,
  not_for_profit,
  made_public,
  legal_claims,
  substantial_public_interest,
  health_care,
  public_health,
  archiving_research,
};
/// What starts a retention period.
enum class Trigger { collected, last_contact, end, consent_withdrawn, consent_expired };
/// What happens when it ends. `archive` is intermediate archiving (CNIL,
/// guide on retention periods): the holding leaves active use for a
/// restricted store until a later rule of its category deletes or
/// anonymises it.
enum class RetentionAction { erase, anonymise, archive, review };
enum class Dpia { required, done, not_required };
/// The nine criteria of WP29 Guidelines WP248 rev.01 (endorsed by the EDPB)
/// for processing likely to result in a high risk (Art. 35(1)): two or more
/// call for a DPIA, one may.
enum class DpiaCriterion {
  evaluation,           ///< evaluation or scoring, profiling included
  automated_decisions,  ///< automated decisions with legal or similar effect
  monitoring,           ///< systematic monitoring
  sensitive,            ///< Art. 9 or 10 data, or data of a highly personal nature
  large_scale,
  matching,     ///< matching or combining datasets
  vulnerable,   ///< vulnerable people: children, employees, patients...
  innovative,   ///< innovative use or new technology
  blocking,     ///< prevents people from exercising a right or using a service or contract
};
/// The CNIL's list of processing that always needs a DPIA (Art. 35(4);
/// délibération n° 2018-327 of 11 October 2018), in its order.
enum class CnilDpiaType {
  health_care,
  genetic_vulnerable,
  hr_profiling,
  employee_monitoring,
  social_alerts,
  professional_alerts,
  health_warehouse,
  profiling_exclusion,
  shared_breaches,
  external_profiling,
  biometric_vulnerable,
  social_housing,
  social_support,
  location_large_scale,
};
/// What a data category is: the CNIL register's categories, and those a
/// breach assessment weighs apart (official identifiers such as the NIR,
/// credentials, Art. 9 special categories, Art. 10 criminal data).
enum class DataKind {
  identity,
  personal_life,
  professional,
  financial,
  connection,
  location,
  official_id,
  credentials,
  special,
  criminal,
  other,
};
/// The eight clauses Art. 28(3) (a)-(h) requires in a processor contract;
/// (f) is assistance with Arts. 32 to 36 (security, breach notification and
/// communication, DPIA, prior consultation).
enum class DpaClause {
  instructions,
  confidentiality,
  security,
  subprocessors,
  assistance,
  assistance_32_36,
  deletion,
  audits,
};
/// What the opening of Art. 28(3) says a processor contract sets out: the
/// subject-matter and duration of the processing, its nature and purpose,
/// the type of personal data and categories of data subjects, and the
/// obligations and rights of the controller.
enum class DpaParticular { subject_matter, duration, nature, purpose, data, subjects, controller_rights };
/// Why email or SMS canvassing needs no prior consent (CPCE L34-5): existing
/// customers offered similar products, with an opt-out at collection and in
/// each message; or professionals, about their job, with an opt-out (CNIL).
enum class MarketingException { existing_customers, professionals };
/// How a purpose reaches people; drives the CPF canvassing rule.
enum class Channel { email, sms, phone, post, social, messaging };
/// The Chapter V ground for a transfer outside the EEA.
enum class Safeguard {
  adequacy,
  dpf,
  scc_2021,
  bcr,
  code_of_conduct,
  certification,
  ad_hoc_clauses,
  derogation_49_1_a,
  derogation_49_1_b,
  derogation_49_1_c,
  derogation_49_1_d,
  derogation_49_1_e,
  derogation_49_1_f,
  derogation_49_1_g,
};

std::span<const Named<LegalBasis>> legal_bases();
std::span<const Named<SpecialCondition>> special_conditions();
std::span<const Named<Trigger>> triggers();
std::span<const Named<RetentionAction>> retention_actions();
std::span<const Named<Dpia>> dpia_states();
std::span<const Named<DpiaCriterion>> dpia_criteria();
std::span<const Named<CnilDpiaType>> cnil_dpia_types();
std::span<const Named<DataKind>> data_kinds();
std::span<const Named<DpaClause>> dpa_clauses();
std::span<const Named<DpaParticular>> dpa_particulars();
std::span<const Named<Channel>> channels();
std::span<const Named<MarketingException>> marketing_exceptions();
std::span<const Named<Safeguard>> safeguards();

/// Whether C. trav. L6323-8-1 names the channel: phone, interpersonal
/// messages (SMS, messaging), email and social networks; post is not named.
[[nodiscard]] constexpr bool cpf_banned(Channel channel) { return channel != Channel::post; }

/// Whether the ground is an Art. 49(1) derogation: for occasional transfers
/// only, never a processor relationship (EDPB Guidelines 2/2018).
[[nodiscard]] constexpr bool is_derogation(Safeguard safeguard) { return safeguard >= Safeguard::derogation_49_1_a; }

/// The letter of Art. 28(3) a clause answers, 'a' to 'h'.
char article_letter(DpaClause clause);
/// The letter of Art. 6(1) a legal basis answers, 'a' to 'f'.
char article_letter(LegalBasis basis);
/// The letter of Art. 9(2) a condition answers, 'a' to 'j'.
char article_letter(SpecialCondition condition);

struct Dpo {
  std::string name;  ///< a person or body: a mailbox alone is a contact point, not a DPO
  std::string email;
  std::string phone;
  std::string designation;  ///< the authority's number for the designation (Art. 37(7); CNIL)
};

struct Controller {
  std::string name;
  std::string siren;  ///< French company number, when there is one
  std::string address;
  std::string sector;                  ///< what the organisation does ("formation professionnelle")
  std::optional<long long> headcount;  ///< staff, as the CNIL's breach form asks
  std::string contact;
  std::optional<Dpo> dpo;
  std::string representative;  ///< Art. 27, for controllers outside the EU
  bool public_body = false;    ///< a public authority or body: a DPO is mandatory (Art. 37(1)(a))
  std::string authority;       ///< the lead supervisory authority, e.g. CNIL
  std::string country;         ///< ISO 3166-1 alpha-2
  std::string timezone = "UTC";
  std::string language = "en";  ///< en | fr
  std::optional<Date> reviewed;
  /// How long people erased on request, or who objected to direct
  /// marketing, stay on the suppression list (their keyed hashes): three
  /// years unless the register says (the CNIL's period for keeping an
  /// objection to prospecting).
  Duration suppression{3, 0, 0};
};

struct DataCategory {
  CategoryId id;
  std::string label;
  bool special = false;  ///< Art. 9(1) special category: kind special
  std::optional<DataKind> kind{};
  /// Free text a person or staff wrote (comments, testimonials, notes): it
  /// may name anyone and anything, so blanking identifiers around it does
  /// not anonymise it (EDPB-WP29 Opinion 05/2014).
  bool free_text = false;
};

struct Purpose {
  PurposeId id;
  std::string label;
  bool consent_required = false;
  std::optional<Duration> validity;  ///< consent must be renewed after this
  std::optional<Duration> proof;     ///< keep consent proof this long after the consent ended
  /// The consent it collects is the explicit consent of Art. 9(2)(a): the
  /// notice names the special-category data and the person states their
  /// agreement expressly (a signed statement, a box ticked for that data
  /// alone: EDPB Guidelines 05/2020). Only with consent: required.
  bool explicit_consent = false;
  bool marketing = false;
  /// The canvassing promotes actions the CPF can fund, or seeks people's CPF
  /// data (balance, login): C. trav. L6323-8-1 bans it by phone, SMS,
  /// messaging, email and social networks, whatever the person agreed to.
  bool cpf_eligible = false;
  std::optional<MarketingException> marketing_exception;
  std::vector<Channel> channels;
  bool operator==(const Purpose&) const = default;
};

struct Dpa {
  std::optional<Date> signed_on;
  std::optional<Date> review_on;
  std::vector<DpaClause> clauses;
  std::vector<DpaParticular> particulars;
  bool operator==(const Dpa&) const = default;
};

struct SubProcessor {
  std::string name;
  std::string country;
  std::optional<Date> authorised;  ///< Art. 28(2) written authorisation
  /// The ground of the onward transfer to it, outside the EEA (Art. 44).
  std::optional<Safeguard> safeguard;
  bool covered_by_adequacy = false;  ///< within a partial decision (Canada: PIPEDA)
  bool operator==(const SubProcessor&) const = default;
};

struct Processor {
  ProcessorId id;
  std::string name;
  std::string country;
  std::vector<std::string> services;
  std::optional<Dpa> dpa;
  std::vector<SubProcessor> subprocessors;
  bool covered_by_adequacy = false;  ///< within a partial decision (Canada: PIPEDA)
  bool operator==(const Processor&) const = default;
};

struct Transfer {
  std::string country;
  std::string recipient;
  std::optional<Safeguard> safeguard;
  /// Occasional and non-repetitive: the only transfers an Art. 49 derogation grounds.
  bool occasional = false;
  bool covered_by_adequacy = false;  ///< within a partial decision (Canada: PIPEDA)
  bool operator==(const Transfer&) const = default;
};

/// The DPIA of an activity, as the register records it (Art. 35).
struct DpiaRecord {
  std::optional<Dpia> status;
  std::optional<Date> date;    ///< done: when it was concluded; not-required: when that was decided
  std::optional<Date> review;  ///< done: when it is next re-assessed (Art. 35(11))
  std::string reason;          ///< not-required: why no DPIA is needed
  /// WP248 criteria the register declares; those the register and the
  /// store show (automated decisions, monitoring, Art. 9 and 10 data and
  /// official identifiers, scale, minors) are added by the audit.
  std::vector<DpiaCriterion> criteria;
  std::vector<CnilDpiaType> cnil_list;
  /// A conclusion that no DPIA is needed, with its reason and day: the
  /// accountability record WP248 asks for.
  [[nodiscard]] bool documented_not_required() const {
    return status == Dpia::not_required && !reason.empty() && date.has_value();
  }
  bool operator==(const DpiaRecord&) const = default;
};

struct RetentionRule {
  std::vector<CategoryId> data;
  Duration keep;
  Trigger from = Trigger::collected;
  /// `else:`: the trigger counted from when `from` never happens (an
  /// engagement never ended, no contact recorded); end or last-contact only.
  std::optional<Trigger> fallback;
  RetentionAction action = RetentionAction::erase;
  std::string basis;  ///< why this period: a law, a référentiel, a decision
  /// Whether a legal obligation sets the period (Art. 17(3)(b)); unset, it
  /// follows the activity's legal basis.
  std::optional<bool> obligation;
  /// Why `anonymise` truly anonymises a free-text category (free_text): the
  /// text is rewritten or reduced to what identifies nobody. Without it the
  /// register is refused: anonymising free text is usually pseudonymisation.
  std::string justification;
  bool operator==(const RetentionRule&) const = default;
};


/// A legal basis and the purposes it grounds (Art. 6(1)): payroll rests on
/// the contract for pay and on a legal obligation for social declarations.
struct BasisUse {
  BasisUse() = default;
  // A constructor rather than aggregate braces, so that the usual
  // { basis, purposes } leaves the interest empty without a warning.
  BasisUse(LegalBasis b, std::vector<PurposeId> p, std::string i = {}, std::string bal = {})
      : basis(b), purposes(std::move(p)), interest(std::move(i)), balancing(std::move(bal)) {}
  LegalBasis basis = LegalBasis::consent;
  std::vector<PurposeId> purposes;  ///< empty: every purpose of the activity
  /// On legitimate interests only: the interest pursued, which a notice
  /// states (Art. 13(1)(d), 14(2)(b)), and where the balancing test of
  /// Art. 6(1)(f) is documented (Art. 5(2)); empty when not given.
  std::string interest;
  std::string balancing;
  bool operator==(const BasisUse&) const = default;
};

struct Activity {
  ActivityId id;
  std::string name;
  std::string description;
  std::string joint_controller;
  std::vector<PurposeId> purposes;
  /// One entry with no purposes when one basis grounds the whole activity;
  /// else one per basis, each with its purposes, each purpose in one.
  std::vector<BasisUse> bases;
  std::optional<SpecialCondition> special_condition;
  std::vector<std::string> subjects;  ///< categories of data subjects
  std::vector<CategoryId> data;
  std::vector<std::string> recipients;
  std::vector<ProcessorId> processors;
  std::vector<Transfer> transfers;
  std::vector<std::string> security;
  std::string source;               ///< Art. 14 / 15(1)(g): where the data comes from
  std::string automated_decisions;  ///< Art. 22 logic, empty when there is none
  /// The text that authorises processing its criminal-offence data (Art.
  /// 10) or official identifiers (the NIR: décret n° 2019-341).
  std::string authorisation;
  /// Regular and systematic monitoring of people (tracking, profiling,
  /// location, behavioural advertising): large scale, a DPO is mandatory
  /// (Art. 37(1)(b)); a WP248 DPIA criterion.
  bool monitoring = false;
  DpiaRecord dpia;
  std::vector<RetentionRule> retention;
  bool operator==(const Activity&) const = default;
};

/// Whether any purpose of the activity rests on `basis`.
[[nodiscard]] bool rests_on(const Activity& activity, LegalBasis basis);
/// Whether the activity has a basis and every one of them is `basis`.
[[nodiscard]] bool rests_only_on(const Activity& activity, LegalBasis basis);
/// The basis `purpose` rests on in the activity, if the register gives one.
[[nodiscard]] std::optional<LegalBasis> basis_of(const Activity& activity, const PurposeId& purpose);
/// The activity's entry on `basis`, if any: each basis is given once.
[[nodiscard]] const BasisUse* use_on(const Activity& activity, LegalBasis basis);
/// The entry of the activity's legal basis that grounds `purpose`, if any.
[[nodiscard]] const BasisUse* use_of(const Activity& activity, const PurposeId& purpose);
/// The purposes `use` grounds: its own, or all the activity's.
[[nodiscard]] const std::vector<PurposeId>& purposes_of(const Activity& activity, const BasisUse& use);

/// Whether `rule` of `activity` keeps data under a legal obligation, so that
/// an erasure request leaves it (Art. 17(3)(b)): `obligation:` when the rule
/// says, else whether the activity's every legal basis is a legal obligation.
[[nodiscard]] bool is_legal_obligation(const Activity& activity, const RetentionRule& rule);

/// When an activity's record was created and last updated, as the register
/// imports' journal records show (docs/design.md 2.1).
struct ActivityDates {
  Instant created;
  Instant updated;
};

/// The register's history in the journal: its first and last imports, and
/// each activity's dates.
struct RegisterHistory {
  Instant first_import;
  Instant last_import;
  std::map<ActivityId, ActivityDates> activities;
};

struct Register {
  int version = 1;
  Controller controller;
  std::vector<DataCategory> data_categories;
  std::vector<Purpose> purposes;
  std::vector<Processor> processors;
  std::vector<Activity> activities;

  [[nodiscard]] const DataCategory* category(const CategoryId& id) const;
  [[nodiscard]] const Purpose* purpose(const PurposeId& id) const;
  [[nodiscard]] const Processor* processor(const ProcessorId& id) const;
  [[nodiscard]] const Activity* activity(const ActivityId& id) const;
};

}  // namespace dpo::model
