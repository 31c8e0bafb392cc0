#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/lang.h"
#include "model/breach.h"
#include "model/register.h"
#include "model/request.h"
#include "model/retention.h"
#include "time/instant.h"

/// What the store counts for the audit, as plain values: the rules turn these
/// counts into findings and KPIs without seeing the store.
namespace dpo::model {

/// The data an activity holds, and for an activity resting on consent, how
/// much of it valid consent backs.
struct ActivityFacts {
  ActivityId activity;
  long long subjects = 0;  ///< engaged in the activity
  long long holdings = 0;  ///< not anonymised
  long long minors = 0;    ///< engaged subjects under 18 today
  // Only for an activity whose legal basis is consent:
  long long valid_subjects = 0;  ///< given, not expired, for every consent purpose
  long long valid_holdings = 0;
  long long expired_subjects = 0;  ///< the consent they gave has run out
  long long expired_holdings = 0;
  long long unconsented_subjects = 0;  ///< no consent, refused or withdrawn
  long long unconsented_holdings = 0;
  // Only for an activity whose Art. 9(2) condition is explicit consent and
  // that has purposes collecting one: special-category holdings of people
  // with no valid consent to every such purpose.
  long long unexplicit_subjects = 0;
  long long unexplicit_holdings = 0;
};

/// Holdings past their deadline under one retention rule.
struct RuleFacts {
  RuleDeadline rule;
  long long overdue = 0;           ///< holdings to delete or anonymise now
  long long overdue_subjects = 0;  ///< whose holdings they are
  long long held = 0;              ///< past the deadline but under legal hold
};

/// Holdings of one activity and data category that no rule can date: every
/// rule of the category counts from an engagement's end or last contact,
/// with no fallback, and that date is missing. They stay until somebody acts.
struct UndatedFacts {
  ActivityId activity;
  CategoryId category;
  long long holdings = 0;
  long long subjects = 0;
};

struct PurposeFacts {
  PurposeId purpose;
  long long events = 0;
  /// Events missing part of their proof: notice version or hash, channel or evidence.
  long long without_proof = 0;
  /// People a CPF-eligible purpose reaches by phone, SMS, messaging, email or
  /// social network, but those with an action in progress (an engagement in
  /// an activity resting on a contract) whose activity lists the purpose
  /// (C. trav. L6323-8-1; docs/design.md 5). Consent is no exception.
  long long cpf_reached = 0;
};

/// The consent ledger's verification.
struct LedgerFacts {
  long long events = 0;
  std::string problem;  ///< empty when it verifies
};

/// The request log at the audit's instant.
struct RequestFacts {
  std::vector<SubjectRequest> late;      ///< open past their deadline
  std::vector<SubjectRequest> due_soon;  ///< open, due within 7 days
  long long answered = 0;
  long long answered_on_time = 0;
  std::optional<long long> median_days;            ///< receipt to answer, calendar days
  std::optional<long long> complaint_median_days;  ///< the same for complaints
};

/// A breach of the register, assessed.
struct BreachFacts {
  std::string id;
  Instant aware_at;
  bool notify = false;       ///< the assessment says the authority must be told
  bool communicate = false;  ///< high risk, no Art. 34(3) exemption
  std::optional<Instant> notified_at;
  std::string late_reasons;
  std::optional<Instant> communicated_at;
  std::vector<std::string> missing;  ///< Art. 33(5) record items absent: "consequences", "measures_taken"
};

struct AuditFacts {
  std::vector<ActivityFacts> activities;
  std::vector<RuleFacts> rules;
  std::vector<UndatedFacts> undated;  ///< only the activities and categories that have some
  std::vector<PurposeFacts> purposes;
  LedgerFacts ledger;
  /// Given consents from subjects under the consent age, without the parental co-signature.
  long long minor_consents = 0;
  std::vector<std::string> minor_consent_events;  ///< their event ids, the first few
  long long open_erasure_tasks = 0;
  long long archived_holdings = 0;  ///< in intermediate archiving, not yet deleted
  RequestFacts requests;
  std::vector<BreachFacts> breaches;  ///< filled in by the caller

  [[nodiscard]] const ActivityFacts* activity(const ActivityId& id) const;
  [[nodiscard]] const PurposeFacts* purpose(const PurposeId& id) const;
};

enum class Severity { error, warning };
[[nodiscard]] std::string_view name_of(Severity severity);

/// A rule of the audit as output shows it.
struct RuleInfo {
  std::string_view id;  ///< "DPA-002"
  Severity severity = Severity::error;
  std::string_view article;
  Phrase title;
  Phrase fix;
};

/// A register object a finding's message names (an activity, a purpose, a
/// data category, a processor), carried both ways: `as_id` is how the text
/// report and JSON print it, quoted as the register writes it
/// ("'testimonials'", "'mailer' (Mailora SAS)"), so that the DPO can find it
/// in the YAML they edit; `label` is how the documents a DPO circulates (the
/// md and html reports) name it, in the register's words. The message holds
/// a marker until `with_names` chooses.
[[nodiscard]] std::string named(std::string_view as_id, std::string_view label);
/// The same for a term of the register's format (a DPA clause's keyword)
/// whose label is dpokit's own words: printed without quotation marks.
[[nodiscard]] std::string worded(std::string_view as_id, std::string_view words);

enum class Naming { ids, labels };

/// The message with every `named` marker replaced: by its `as_id` form, or by
/// its label between quotation marks (« Témoignages » in French,
/// “Testimonials” in English).
[[nodiscard]] std::string with_names(std::string_view message, Naming naming, Lang lang);

/// One gap the audit found.
struct Finding {
  RuleInfo rule;
  std::string object_kind;  ///< activity, processor, purpose, rule, controller, ledger
  std::string object;       ///< the object's id
  std::optional<long long> count;
  Text message;  ///< what is wrong, with the numbers; register objects as `named` markers
};

/// A key figure printed with every audit: a share (numerator/denominator)
/// or a count (numerator alone).
struct Kpi {
  std::string_view id;
  Phrase label;
  long long numerator = 0;
  long long denominator = 0;
  bool share = true;
  bool known = true;  ///< false for a count with nothing to count yet (a median of no answers)
};

/// The median of whole numbers, the lower of the two middle ones for an even
/// count; nullopt for none.
[[nodiscard]] std::optional<long long> lower_median(std::vector<long long> values);

struct AuditResult {
  std::vector<std::string> rules_run;
  std::vector<Finding> findings;  ///< errors first, then catalogue order
  std::vector<Kpi> kpis;
  [[nodiscard]] long long count(Severity severity) const;
};

/// A run of the audit as `dpo audit --record` keeps it (store schema 30):
/// its key figures and findings, without their wording, which the program
/// of the day supplies.
struct RecordedKpi {
  std::string id;
  std::optional<long long> numerator;    ///< none when there was nothing to measure
  std::optional<long long> denominator;  ///< a share's; none for a count
};
struct RecordedFinding {
  std::string rule;
  Severity severity = Severity::error;
  std::string object_kind;
  std::string object;
  std::optional<long long> count;
};
struct RecordedAudit {
  Instant as_of;
  std::vector<RecordedKpi> kpis;
  std::vector<RecordedFinding> findings;
  [[nodiscard]] long long count(Severity severity) const;
};
/// The object of a finding as people read it: an activity's name, with the
/// data category's label for a retention rule's ("Témoignages — Photo"), a
/// processor's name, a purpose's label, a request's or breach's number.
[[nodiscard]] std::string place_of(const std::string& object_kind, const std::string& object, const Register& reg,
                                   Lang lang);

/// What `dpo audit --record` keeps of a result, and of one key figure.
[[nodiscard]] RecordedAudit record_of(const AuditResult& result, Instant as_of);
[[nodiscard]] RecordedKpi record_of(const Kpi& kpi);

/// One thing to do: the findings of one rule, which one action fixes
/// ("run the purge: 254 holdings in 7 activities").
struct Action {
  RuleInfo rule;
  long long findings = 0;
  /// The findings' counts added up, in the rule's unit; none when they carry no count.
  std::optional<long long> amount;
  /// Whether the amount counts people or holdings, which ranks the action.
  bool counts_people_or_holdings = false;
  /// Where to act: activities (a retention rule's or a category's activity),
  /// processors, purposes..., each once, in the order found, as their labels.
  std::vector<std::string> places;
  std::string verb;  ///< "Run the purge", in the report's language
  std::string text;  ///< "Run the purge: 254 holdings in 7 activities"
};

/// Whether a key figure is better higher (a coverage), lower (overdue
/// holdings, delays) or neither (holdings under legal hold or archived).
enum class Better { higher, lower, neither };

/// A key figure between the last recorded audit before this one and this one.
struct KpiChange {
  std::string id;
  Phrase label;
  RecordedKpi before;
  RecordedKpi now;
  Better better = Better::neither;
};

/// A finding opened or closed between two audits, as people read it.
struct ChangedFinding {
  RuleInfo rule;
  std::string place;  ///< the object's label
  std::optional<long long> count;
};

/// What changed since the last recorded audit before this one.
struct AuditChanges {
  Instant since;
  long long errors_before = 0, warnings_before = 0;
  std::vector<ChangedFinding> opened;
  std::vector<ChangedFinding> closed;
  std::vector<KpiChange> kpis;  ///< every key figure both audits measured, changed or not
};

}  // namespace dpo::model
