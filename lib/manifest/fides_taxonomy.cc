#include "manifest/fides_taxonomy.h"

namespace dpo::manifest::fides {

namespace {

using model::Channel;
using model::DataKind;

// fideslang's default data categories (the `user` and `system` trees, with
// the keys of fideslang 2 and 3: `user.biometric` and `user.biometrics`,
// `user.health_and_medical` and `user.health`), each with the kind of the
// register's data categories it is: Art. 9 keys are `special` (race or ethnic
// origin, political opinions, religious or philosophical beliefs, trade-union
// membership, genetic, biometric, health, sex life or orientation), criminal
// history (Art. 10) is `criminal`.
constexpr CategoryEntry kCategories[] = {
    {"user", "User Data", DataKind::other},
    {"user.account", "Account Information", DataKind::identity},
    {"user.account.settings", "Account Settings", DataKind::other},
    {"user.account.username", "Account Username", DataKind::identity},
    {"user.authorization", "Authorization Information", DataKind::credentials},
    {"user.authorization.biometric", "Biometric Credentials", DataKind::special},
    {"user.authorization.credentials", "Account Credentials", DataKind::credentials},
    {"user.authorization.password", "Password", DataKind::credentials},
    {"user.behavior", "Observed Behavior", DataKind::personal_life},
    {"user.behavior.browsing_history", "Browsing History", DataKind::connection},
    {"user.behavior.media_consumption", "Media Consumption", DataKind::personal_life},
    {"user.behavior.purchase_history", "Purchase History", DataKind::personal_life},
    {"user.behavior.search_history", "Search History", DataKind::connection},
    {"user.biometric", "Biometric Data", DataKind::special},
    {"user.biometric.fingerprint", "Fingerprint", DataKind::special},
    {"user.biometric.health", "Biometric Health Data", DataKind::special},
    {"user.biometric.retinal", "Retina Scan", DataKind::special},
    {"user.biometric.voice", "Voice Recording", DataKind::special},
    {"user.biometrics", "Biometric Data", DataKind::special},
    {"user.children", "Children's Data", DataKind::identity},
    {"user.childrens", "Children's Data", DataKind::identity},
    {"user.contact", "Contact Data", DataKind::identity},
    {"user.contact.address", "Contact Address", DataKind::identity},
    {"user.contact.address.city", "User Contact City", DataKind::identity},
    {"user.contact.address.country", "User Contact Country", DataKind::identity},
    {"user.contact.address.postal_code", "User Contact Postal Code", DataKind::identity},
    {"user.contact.address.state", "User Contact State", DataKind::identity},
    {"user.contact.address.street", "User Contact Street", DataKind::identity},
    {"user.contact.email", "User Contact Email", DataKind::identity},
    {"user.contact.fax_number", "Fax Number", DataKind::identity},
    {"user.contact.organization", "Organization", DataKind::professional},
    {"user.contact.phone_number", "User Contact Phone Number", DataKind::identity},
    {"user.contact.url", "User Website", DataKind::identity},
    {"user.content", "User Content", DataKind::personal_life},
    {"user.content.private", "Private Content", DataKind::personal_life},
    {"user.content.public", "Public Content", DataKind::personal_life},
    {"user.content.self_image", "User Image", DataKind::personal_life},
    {"user.credentials", "Credentials", DataKind::credentials},
    {"user.credentials.biometric_credentials", "Biometric Credentials", DataKind::special},
    {"user.credentials.password", "Password", DataKind::credentials},
    {"user.criminal_history", "Criminal History", DataKind::criminal},
    {"user.date_of_birth", "Date of Birth", DataKind::identity},
    {"user.demographic", "Demographic Data", DataKind::identity},
    {"user.demographic.age_range", "Age Range", DataKind::identity},
    {"user.demographic.date_of_birth", "Birth Date", DataKind::identity},
    {"user.demographic.gender", "Gender", DataKind::identity},
    {"user.demographic.language", "Language", DataKind::identity},
    {"user.demographic.marital_status", "Marital Status", DataKind::personal_life},
    {"user.demographic.philosophical_belief", "Philosophical Belief", DataKind::special},
    {"user.demographic.political_opinion", "Political Opinion", DataKind::special},
    {"user.demographic.profile", "User Profile Data", DataKind::personal_life},
    {"user.demographic.race_ethnicity", "Race", DataKind::special},
    {"user.demographic.religious_belief", "Religion", DataKind::special},
    {"user.demographic.sexual_orientation", "Sexual Orientation", DataKind::special},
    {"user.demographic.union_membership", "Union Membership", DataKind::special},
    {"user.device", "Device Data", DataKind::connection},
    {"user.device.cookie", "Device Cookie", DataKind::connection},
    {"user.device.cookie_id", "Cookie ID", DataKind::connection},
    {"user.device.device_id", "Device ID", DataKind::connection},
    {"user.device.ip_address", "IP Address", DataKind::connection},
    {"user.device.telemetry", "Telemetry Data", DataKind::connection},
    {"user.financial", "Financial Data", DataKind::financial},
    {"user.financial.account_number", "User Financial Account Number", DataKind::financial},
    {"user.financial.bank_account", "Bank Account Information", DataKind::financial},
    {"user.financial.credit_card", "Credit Card Information", DataKind::financial},
    {"user.gender", "Gender", DataKind::identity},
    {"user.genetic", "Genetic Data", DataKind::special},
    {"user.government_id", "Government ID", DataKind::official_id},
    {"user.government_id.birth_certificate", "Birth Certificate", DataKind::official_id},
    {"user.government_id.drivers_license_number", "Driver's License Number", DataKind::official_id},
    {"user.government_id.immigration", "Immigration ID", DataKind::official_id},
    {"user.government_id.national_identification_number", "National Identification Number", DataKind::official_id},
    {"user.government_id.passport_number", "Passport Number", DataKind::official_id},
    {"user.government_id.vehicle_registration", "Vehicle Registration", DataKind::official_id},
    {"user.health", "Health Data", DataKind::special},
    {"user.health_and_medical", "Health and Medical Data", DataKind::special},
    {"user.health_and_medical.genetic", "User's Genetic Data", DataKind::special},
    {"user.health_and_medical.insurance_beneficiary_id", "Medical Insurance ID", DataKind::special},
    {"user.health_and_medical.record_id", "Medical Record ID", DataKind::special},
    {"user.id", "User ID", DataKind::identity},
    {"user.id.pseudonymous", "Pseudonymous User ID", DataKind::identity},
    {"user.job_title", "Job Title", DataKind::professional},
    {"user.location", "Location Data", DataKind::location},
    {"user.location.imprecise", "Imprecise Subject Location", DataKind::location},
    {"user.location.precise", "Precise Subject Location", DataKind::location},
    {"user.media_consumption", "Media Consumption", DataKind::personal_life},
    {"user.name", "Name", DataKind::identity},
    {"user.name.first", "First Name", DataKind::identity},
    {"user.name.last", "Last Name", DataKind::identity},
    {"user.non_specific_age", "Non-Specific Age", DataKind::identity},
    {"user.observed", "Observed Data", DataKind::personal_life},
    {"user.payment", "Payment Data", DataKind::financial},
    {"user.political_opinion", "Political Opinion", DataKind::special},
    {"user.privacy_preferences", "Privacy Preferences", DataKind::other},
    {"user.profiling", "Profiling Data", DataKind::personal_life},
    {"user.race", "Race", DataKind::special},
    {"user.religious_belief", "Religious Belief", DataKind::special},
    {"user.search_history", "Search History", DataKind::connection},
    {"user.sensor", "Sensor Data", DataKind::connection},
    {"user.sexual_orientation", "Sexual Orientation", DataKind::special},
    {"user.social", "Social Data", DataKind::personal_life},
    {"user.telemetry", "Telemetry Data", DataKind::connection},
    {"user.unique_id", "Unique ID", DataKind::identity},
    {"user.unique_id.pseudonymous", "Pseudonymous ID", DataKind::identity},
    {"user.user_sensor", "User Sensor Data", DataKind::connection},
    {"user.workplace", "Workplace", DataKind::professional},
    {"system", "System Data", DataKind::other},
    {"system.authentication", "Authentication Data", DataKind::credentials},
    {"system.operations", "Operations Data", DataKind::other},
};

// fideslang's default data uses: marketing ones are canvassing.
constexpr UseEntry kUses[] = {
    {"analytics", "Analytics", false, std::nullopt},
    {"analytics.reporting", "Analytics for Reporting", false, std::nullopt},
    {"analytics.reporting.ad_performance", "Analytics for Advertising Performance", false, std::nullopt},
    {"analytics.reporting.campaign_insights", "Analytics for Insights", false, std::nullopt},
    {"analytics.reporting.content_performance", "Analytics for Content Performance", false, std::nullopt},
    {"analytics.reporting.system", "Analytics for System Activity", false, std::nullopt},
    {"analytics.reporting.system.performance", "Analytics for System Performance", false, std::nullopt},
    {"collect", "Collect", false, std::nullopt},
    {"employment", "Employment", false, std::nullopt},
    {"employment.recruitment", "Employment Recruitment", false, std::nullopt},
    {"essential", "Essential", false, std::nullopt},
    {"essential.fraud_detection", "Essential Fraud Detection", false, std::nullopt},
    {"essential.legal_obligation", "Essential Legal Obligation", false, std::nullopt},
    {"essential.service", "Essential for Service", false, std::nullopt},
    {"essential.service.authentication", "Essential Service Authentication", false, std::nullopt},
    {"essential.service.notifications", "Essential Service Notifications", false, std::nullopt},
    {"essential.service.notifications.email", "Essential Email Service Notifications", false, std::nullopt},
    {"essential.service.notifications.sms", "Essential SMS Service Notifications", false, std::nullopt},
    {"essential.service.operations", "Essential for Operations", false, std::nullopt},
    {"essential.service.operations.improve", "Essential for Support Improvement", false, std::nullopt},
    {"essential.service.operations.support", "Essential for Operations Support", false, std::nullopt},
    {"essential.service.payment_processing", "Essential for Payment Processing", false, std::nullopt},
    {"essential.service.security", "Essential for Security", false, std::nullopt},
    {"essential.service.upgrades", "Essential for Service Upgrades", false, std::nullopt},
    {"finance", "Finance", false, std::nullopt},
    {"functional", "Functional", false, std::nullopt},
    {"functional.service", "Functional Service", false, std::nullopt},
    {"functional.service.improve", "Improve Service", false, std::nullopt},
    {"functional.storage", "Local Data Storage", false, std::nullopt},
    {"improve", "Improve", false, std::nullopt},
    {"improve.system", "Improve System", false, std::nullopt},
    {"marketing", "Marketing", true, std::nullopt},
    {"marketing.advertising", "Advertising, Marketing or Promotion", true, std::nullopt},
    {"marketing.advertising.first_party", "First Party Advertising", true, std::nullopt},
    {"marketing.advertising.first_party.contextual", "First Party Contextual Advertising", true, std::nullopt},
    {"marketing.advertising.first_party.targeted", "First Party Personalized Advertising", true, std::nullopt},
    {"marketing.advertising.frequency_capping", "Frequency Capping", true, std::nullopt},
    {"marketing.advertising.negative_targeting", "Negative Targeting", true, std::nullopt},
    {"marketing.advertising.profiling", "Profiling for Advertising", true, std::nullopt},
    {"marketing.advertising.serving", "Essential for Serving Ads", true, std::nullopt},
    {"marketing.advertising.third_party", "Third Party Advertising", true, std::nullopt},
    {"marketing.advertising.third_party.targeted", "Third Party Targeted Advertising", true, std::nullopt},
    {"marketing.communications", "Marketing Communications", true, std::nullopt},
    {"marketing.communications.email", "Marketing Email Communications", true, Channel::email},
    {"marketing.communications.sms", "Marketing SMS Communications", true, Channel::sms},
    {"operations", "Operations", false, std::nullopt},
    {"personalize", "Personalize", false, std::nullopt},
    {"personalize.content", "Content Personalization", false, std::nullopt},
    {"personalize.profiling", "Personalized Profiling", false, std::nullopt},
    {"personalize.system", "System Personalization", false, std::nullopt},
    {"provide", "Provide", false, std::nullopt},
    {"provide.service", "Provide the Capability", false, std::nullopt},
    {"sales", "Sales", false, std::nullopt},
    {"third_party_sharing", "Third Party Sharing", false, std::nullopt},
    {"third_party_sharing.legal_obligation", "Sharing for Legal Obligation", false, std::nullopt},
    {"third_party_sharing.personalized_advertising", "Sharing for Personalized Advertising", true, std::nullopt},
    {"train_ai_system", "Train AI System", false, std::nullopt},
};

constexpr SubjectEntry kSubjects[] = {
    {"anonymous_user", "Anonymous User"},
    {"citizen_voter", "Citizen Voter"},
    {"commuter", "Commuter"},
    {"consultant", "Consultant"},
    {"customer", "Customer"},
    {"employee", "Employee"},
    {"job_applicant", "Job Applicant"},
    {"next_of_kin", "Next of Kin"},
    {"passenger", "Passenger"},
    {"patient", "Patient"},
    {"prospect", "Prospect"},
    {"shareholder", "Shareholder"},
    {"student", "Student"},
    {"supplier_vendor", "Supplier/Vendor"},
    {"trainee", "Trainee"},
    {"visitor", "Visitor"},
};

using model::LegalBasis;
using model::SpecialCondition;

constexpr Named<LegalBasis> kBases[] = {
    {LegalBasis::consent, "Consent"},
    {LegalBasis::contract, "Contract"},
    {LegalBasis::legal_obligation, "Legal obligations"},
    {LegalBasis::vital_interests, "Vital interests"},
    {LegalBasis::public_task, "Public interest"},
    {LegalBasis::legitimate_interests, "Legitimate interests"},
};

// fideslang's SpecialCategoryLegalBasisEnum spells the Art. 9(2)(a)-(j)
// conditions out in full; the short forms after them are read too, as
// earlier manifests of this toolkit's users wrote them.
constexpr Named<SpecialCondition> kConditions[] = {
    {SpecialCondition::explicit_consent, "Explicit consent"},
    {SpecialCondition::employment, "Employment, social security and social protection"},
    {SpecialCondition::vital_interests, "Vital interests"},
    {SpecialCondition::not_for_profit, "Not-for-profit bodies"},
    {SpecialCondition::made_public, "Made public by the data subject"},
    {SpecialCondition::legal_claims, "Legal claims or judicial acts"},
    {SpecialCondition::substantial_public_interest, "Reasons of substantial public interest (with a basis in law)"},
    {SpecialCondition::health_care, "Health or social care (with a basis in law)"},
    {SpecialCondition::public_health, "Public health (with a basis in law)"},
    {SpecialCondition::archiving_research, "Archiving, research and statistics (with a basis in law)"},
    {SpecialCondition::explicit_consent, "Consent"},
    {SpecialCondition::employment, "Employment"},
    {SpecialCondition::not_for_profit, "Non-profit organisations"},
    {SpecialCondition::made_public, "Public by data subject"},
    {SpecialCondition::legal_claims, "Legal claims"},
    {SpecialCondition::substantial_public_interest, "Substantial public interest"},
    {SpecialCondition::health_care, "Medical"},
    {SpecialCondition::public_health, "Public health interest"},
};

}  // namespace

std::span<const Named<LegalBasis>> legal_bases() { return kBases; }
std::span<const Named<SpecialCondition>> special_conditions() { return kConditions; }
std::span<const CategoryEntry> data_categories() { return kCategories; }
std::span<const UseEntry> data_uses() { return kUses; }
std::span<const SubjectEntry> data_subjects() { return kSubjects; }

bool mixes_kinds(const CategoryEntry& branch) {
  for (const CategoryEntry& e : kCategories)
    if (e.key.size() > branch.key.size() && e.key.starts_with(branch.key) && e.key[branch.key.size()] == '.' &&
        e.kind != branch.kind && (e.kind == DataKind::special || e.kind == DataKind::criminal))
      return true;
  return false;
}

}  // namespace dpo::manifest::fides
