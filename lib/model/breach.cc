#include "model/breach.h"

#include <algorithm>

namespace dpo::model {

namespace {

constexpr Named<BreachNature> kNatures[] = {{BreachNature::confidentiality, "confidentiality"},
                                            {BreachNature::integrity, "integrity"},
                                            {BreachNature::availability, "availability"}};
constexpr Named<BreachCause> kCauses[] = {
    {BreachCause::theft, "theft"},         {BreachCause::loss, "loss"},
    {BreachCause::malware, "malware"},     {BreachCause::ransomware, "ransomware"},
    {BreachCause::hacking, "hacking"},     {BreachCause::misdelivery, "misdelivery"},
    {BreachCause::human_error, "human-error"}, {BreachCause::paper, "paper"},
    {BreachCause::post, "post"},           {BreachCause::disposal, "disposal"},
    {BreachCause::publication, "publication"}, {BreachCause::wrong_person, "wrong-person"},
    {BreachCause::verbal, "verbal"},       {BreachCause::phishing, "phishing"},
    {BreachCause::other, "other"}};
constexpr Named<BreachOrigin> kOrigins[] = {
    {BreachOrigin::internal, "internal"}, {BreachOrigin::external, "external"}, {BreachOrigin::unknown, "unknown"}};
constexpr Named<Encryption> kEncryptions[] = {
    {Encryption::none, "none"}, {Encryption::state_of_the_art, "state-of-the-art"}, {Encryption::weak, "weak"}};
constexpr Named<BackupState> kBackups[] = {{BackupState::available, "available"},
                                           {BackupState::none, "none"},
                                           {BackupState::not_applicable, "not-applicable"}};
constexpr Named<Exfiltration> kExfiltrations[] = {
    {Exfiltration::confirmed, "confirmed"}, {Exfiltration::suspected, "suspected"}, {Exfiltration::none, "none"}};
constexpr Named<Exposure> kExposures[] = {{Exposure::unknown, "unknown"}, {Exposure::known_trusted, "known-trusted"},
                                          {Exposure::known, "known"},     {Exposure::none, "none"},
                                          {Exposure::malicious, "malicious"}, {Exposure::public_, "public"}};
constexpr Named<Likelihood> kLikelihoods[] = {{Likelihood::unlikely, "unlikely"},
                                              {Likelihood::possible, "possible"},
                                              {Likelihood::likely, "likely"},
                                              {Likelihood::very_likely, "very-likely"}};
constexpr Named<Identifiability> kIdentifiabilities[] = {{Identifiability::negligible, "negligible"},
                                                         {Identifiability::limited, "limited"},
                                                         {Identifiability::significant, "significant"},
                                                         {Identifiability::maximum, "maximum"}};
constexpr Named<DataContext> kContexts[] = {{DataContext::simple, "simple"},
                                           {DataContext::behavioural, "behavioural"},
                                           {DataContext::financial, "financial"},
                                           {DataContext::sensitive, "sensitive"}};

constexpr Named<Risk> kRisks[] = {
    {Risk::low, "low"}, {Risk::medium, "medium"}, {Risk::high, "high"}, {Risk::very_high, "very-high"}};

}  // namespace

std::span<const Named<Risk>> risks() { return kRisks; }
std::span<const Named<BreachNature>> breach_natures() { return kNatures; }
std::span<const Named<BreachCause>> breach_causes() { return kCauses; }
std::span<const Named<BreachOrigin>> breach_origins() { return kOrigins; }
std::span<const Named<Encryption>> encryptions() { return kEncryptions; }
std::span<const Named<BackupState>> backup_states() { return kBackups; }
std::span<const Named<Exfiltration>> exfiltrations() { return kExfiltrations; }
std::span<const Named<Exposure>> exposures() { return kExposures; }
std::span<const Named<Identifiability>> identifiabilities() { return kIdentifiabilities; }
std::span<const Named<DataContext>> data_contexts() { return kContexts; }
std::span<const Named<Likelihood>> likelihoods() { return kLikelihoods; }

Instant notification_due(Instant aware_at) { return std::min(aware_at + kNotificationClock, last_instant()); }

long long hours_up(Instant from, Instant to) { return std::chrono::ceil<std::chrono::hours>(to - from).count(); }
long long hours_down(Instant from, Instant to) { return std::chrono::floor<std::chrono::hours>(to - from).count(); }

}  // namespace dpo::model
