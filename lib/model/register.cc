#include "model/register.h"

#include <algorithm>

namespace dpo::model {

namespace {

constexpr Named<LegalBasis> kLegalBases[] = {
    {LegalBasis::consent, "consent"},
    {LegalBasis::contract, "contract"},
    {LegalBasis::legal_obligation, "legal-obligation"},
    {LegalBasis::vital_interests, "vital-interests"},
    {LegalBasis::public_task, "public-task"},
    {LegalBasis::legitimate_interests, "legitimate-interests"},
};

constexpr Named<SpecialCondition> kSpecialConditions[] = {
    {SpecialCondition::explicit_consent, "explicit-consent"},
    {SpecialCondition::employment, "employment"},
    {SpecialCondition::vital_interests, "vital-interests"},
    {SpecialCondition::not_for_profit, "not-for-profit"},
    {SpecialCondition::made_public, "made-public"},
    {SpecialCondition::legal_claims, "legal-claims"},
    {SpecialCondition::substantial_public_interest, "substantial-public-interest"},
    {SpecialCondition::health_care, "health-care"},
    {SpecialCondition::public_health, "public-health"},
    {SpecialCondition::archiving_research, "archiving-research"},
};

constexpr Named<Trigger> kTriggers[] = {
    {Trigger::collected, "collected"},
    {Trigger::last_contact, "last-contact"},
    {Trigger::end, "end"},
    {Trigger::consent_withdrawn, "consent-withdrawn"},
    {Trigger::consent_expired, "consent-expired"},
};

constexpr Named<RetentionAction> kActions[] = {
    {RetentionAction::erase, "delete"},
    {RetentionAction::anonymise, "anonymise"},
    {RetentionAction::archive, "archive"},
    {RetentionAction::review, "review"},
};

constexpr Named<Dpia> kDpia[] = {
    {Dpia::required, "required"},
    {Dpia::done, "done"},
    {Dpia::not_required, "not-required"},
};

constexpr Named<DpiaCriterion> kDpiaCriteria[] = {
    {DpiaCriterion::evaluation, "evaluation"},
    {DpiaCriterion::automated_decisions, "automated-decisions"},
    {DpiaCriterion::monitoring, "monitoring"},
    {DpiaCriterion::sensitive, "sensitive"},
    {DpiaCriterion::large_scale, "large-scale"},
    {DpiaCriterion::matching, "matching"},
    {DpiaCriterion::vulnerable, "vulnerable"},
    {DpiaCriterion::innovative, "innovative"},
    {DpiaCriterion::blocking, "blocking"},
};

constexpr Named<CnilDpiaType> kCnilDpiaTypes[] = {
    {CnilDpiaType::health_care, "health-care"},
    {CnilDpiaType::genetic_vulnerable, "genetic-vulnerable"},
    {CnilDpiaType::hr_profiling, "hr-profiling"},
    {CnilDpiaType::employee_monitoring, "employee-monitoring"},
    {CnilDpiaType::social_alerts, "social-alerts"},
    {CnilDpiaType::professional_alerts, "professional-alerts"},
    {CnilDpiaType::health_warehouse, "health-warehouse"},
    {CnilDpiaType::profiling_exclusion, "profiling-exclusion"},
    {CnilDpiaType::shared_breaches, "shared-breaches"},
    {CnilDpiaType::external_profiling, "external-profiling"},
    {CnilDpiaType::biometric_vulnerable, "biometric-vulnerable"},
    {CnilDpiaType::social_housing, "social-housing"},
    {CnilDpiaType::social_support, "social-support"},
    {CnilDpiaType::location_large_scale, "location-large-scale"},
};

constexpr Named<DpaClause> kClauses[] = {
    {DpaClause::instructions, "instructions"},   {DpaClause::confidentiality, "confidentiality"},
    {DpaClause::security, "security"},           {DpaClause::subprocessors, "subprocessors"},
    {DpaClause::assistance, "assistance"},       {DpaClause::assistance_32_36, "assistance-32-36"},
    {DpaClause::deletion, "deletion"},           {DpaClause::audits, "audits"},
};

constexpr Named<DpaParticular> kParticulars[] = {
    {DpaParticular::subject_matter, "subject-matter"},
    {DpaParticular::duration, "duration"},
    {DpaParticular::nature, "nature"},
    {DpaParticular::purpose, "purpose"},
    {DpaParticular::data, "data"},
    {DpaParticular::subjects, "subjects"},
    {DpaParticular::controller_rights, "controller-rights"},
};

constexpr Named<DataKind> kKinds[] = {
    {DataKind::identity, "identity"},       {DataKind::personal_life, "personal-life"},
    {DataKind::professional, "professional"}, {DataKind::financial, "financial"},
    {DataKind::connection, "connection"},   {DataKind::location, "location"},
    {DataKind::official_id, "official-id"}, {DataKind::credentials, "credentials"},
    {DataKind::special, "special"},         {DataKind::criminal, "criminal"},
    {DataKind::other, "other"},
};

constexpr Named<Channel> kChannels[] = {
    {Channel::email, "email"}, {Channel::sms, "sms"},       {Channel::phone, "phone"},
    {Channel::post, "post"},   {Channel::social, "social"}, {Channel::messaging, "messaging"},
};

constexpr Named<MarketingException> kMarketingExceptions[] = {
    {MarketingException::existing_customers, "existing-customers"},
    {MarketingException::professionals, "professionals"},
};

constexpr Named<Safeguard> kSafeguards[] = {
    {Safeguard::adequacy, "adequacy"},
    {Safeguard::dpf, "dpf"},
    {Safeguard::scc_2021, "scc-2021"},
    {Safeguard::bcr, "bcr"},
    {Safeguard::code_of_conduct, "code-of-conduct"},
    {Safeguard::certification, "certification"},
    {Safeguard::ad_hoc_clauses, "ad-hoc-clauses"},
    {Safeguard::derogation_49_1_a, "derogation-49-1-a"},
    {Safeguard::derogation_49_1_b, "derogation-49-1-b"},
    {Safeguard::derogation_49_1_c, "derogation-49-1-c"},
    {Safeguard::derogation_49_1_d, "derogation-49-1-d"},
    {Safeguard::derogation_49_1_e, "derogation-49-1-e"},
    {Safeguard::derogation_49_1_f, "derogation-49-1-f"},
    {Safeguard::derogation_49_1_g, "derogation-49-1-g"},
};

template <class T>
const T* find_by_id(const std::vector<T>& items, const auto& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::span<const Named<LegalBasis>> legal_bases() { return kLegalBases; }
std::span<const Named<SpecialCondition>> special_conditions() { return kSpecialConditions; }
std::span<const Named<Trigger>> triggers() { return kTriggers; }
std::span<const Named<RetentionAction>> retention_actions() { return kActions; }
std::span<const Named<Dpia>> dpia_states() { return kDpia; }
std::span<const Named<DpiaCriterion>> dpia_criteria() { return kDpiaCriteria; }
std::span<const Named<CnilDpiaType>> cnil_dpia_types() { return kCnilDpiaTypes; }
std::span<const Named<DataKind>> data_kinds() { return kKinds; }
std::span<const Named<DpaClause>> dpa_clauses() { return kClauses; }
std::span<const Named<DpaParticular>> dpa_particulars() { return kParticulars; }
std::span<const Named<Channel>> channels() { return kChannels; }
std::span<const Named<Safeguard>> safeguards() { return kSafeguards; }
std::span<const Named<MarketingException>> marketing_exceptions() { return kMarketingExceptions; }

// The tables above list each enum in its article's order, so the letter is the index.
char article_letter(DpaClause clause) { return static_cast<char>('a' + static_cast<int>(clause)); }
char article_letter(LegalBasis basis) { return static_cast<char>('a' + static_cast<int>(basis)); }
char article_letter(SpecialCondition condition) { return static_cast<char>('a' + static_cast<int>(condition)); }

bool rests_on(const Activity& activity, LegalBasis basis) {
  return std::any_of(activity.bases.begin(), activity.bases.end(), [&](const BasisUse& u) { return u.basis == basis; });
}

bool rests_only_on(const Activity& activity, LegalBasis basis) {
  return !activity.bases.empty() &&
         std::all_of(activity.bases.begin(), activity.bases.end(), [&](const BasisUse& u) { return u.basis == basis; });
}

const std::vector<PurposeId>& purposes_of(const Activity& activity, const BasisUse& use) {
  return use.purposes.empty() ? activity.purposes : use.purposes;
}

const BasisUse* use_on(const Activity& activity, LegalBasis basis) {
  auto it =
      std::find_if(activity.bases.begin(), activity.bases.end(), [&](const BasisUse& u) { return u.basis == basis; });
  return it == activity.bases.end() ? nullptr : &*it;
}

const BasisUse* use_of(const Activity& activity, const PurposeId& purpose) {
  for (const BasisUse& u : activity.bases) {
    const std::vector<PurposeId>& covered = purposes_of(activity, u);
    if (std::find(covered.begin(), covered.end(), purpose) != covered.end()) return &u;
  }
  return nullptr;
}

std::optional<LegalBasis> basis_of(const Activity& activity, const PurposeId& purpose) {
  const BasisUse* use = use_of(activity, purpose);
  return use ? std::optional<LegalBasis>(use->basis) : std::nullopt;
}

// With several bases, data of the activity a rule keeps may serve another
// purpose than the legal obligation's: the rule must then say.
bool is_legal_obligation(const Activity& activity, const RetentionRule& rule) {
  return rule.obligation.value_or(rests_only_on(activity, LegalBasis::legal_obligation));
}

const DataCategory* Register::category(const CategoryId& id) const { return find_by_id(data_categories, id); }
const Purpose* Register::purpose(const PurposeId& id) const { return find_by_id(purposes, id); }
const Processor* Register::processor(const ProcessorId& id) const { return find_by_id(processors, id); }
const Activity* Register::activity(const ActivityId& id) const { return find_by_id(activities, id); }

}  // namespace dpo::model
