#include "model/consent.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace dpo::model {

namespace {

constexpr Named<ConsentAction> kActions[] = {
    {ConsentAction::given, "given"},
    {ConsentAction::refused, "refused"},
    {ConsentAction::withdrawn, "withdrawn"},
};

constexpr Named<ConsentChannel> kChannels[] = {
    {ConsentChannel::web_form, "web-form"}, {ConsentChannel::paper, "paper"}, {ConsentChannel::email, "email"},
    {ConsentChannel::phone, "phone"},       {ConsentChannel::event, "event"},
};

constexpr Named<ConsentStatus> kStatuses[] = {
    {ConsentStatus::none, "none"},           {ConsentStatus::given, "given"},
    {ConsentStatus::refused, "refused"},     {ConsentStatus::withdrawn, "withdrawn"},
    {ConsentStatus::expired, "expired"},
};

}  // namespace

std::span<const Named<ConsentAction>> consent_actions() { return kActions; }
std::span<const Named<ConsentChannel>> consent_channels() { return kChannels; }
std::span<const Named<ConsentStatus>> consent_statuses() { return kStatuses; }

namespace {

// nlohmann::json keeps object keys in a std::map: dump() sorts them, with no
// spaces, which is the canonical form.
nlohmann::json content(const ConsentEvent& e) {
  nlohmann::json j = nlohmann::json::object();
  j["subject"] = e.subject.str();
  j["purpose"] = e.purpose.str();
  j["action"] = std::string(name_of(consent_actions(), e.action));
  j["at"] = format_utc(e.at);
  if (e.channel) j["channel"] = std::string(name_of(consent_channels(), *e.channel));
  if (!e.notice_version.empty() || !e.notice_sha256.empty()) {
    nlohmann::json notice = nlohmann::json::object();
    if (!e.notice_version.empty()) notice["version"] = e.notice_version;
    if (!e.notice_sha256.empty()) notice["sha256"] = e.notice_sha256;
    j["notice"] = notice;
  }
  if (!e.evidence.empty()) j["evidence"] = e.evidence;
  if (!e.recorded_by.empty()) j["recorded_by"] = e.recorded_by;
  if (!e.scope.empty()) {
    nlohmann::json scope = nlohmann::json::object();
    if (!e.scope.formats.empty()) scope["formats"] = e.scope.formats;
    if (!e.scope.channels.empty()) scope["channels"] = e.scope.channels;
    if (e.scope.duration) scope["duration"] = e.scope.duration->str();
    if (e.scope.parental) scope["parental"] = {{"name", e.scope.parental->name}, {"evidence", e.scope.parental->evidence}};
    j["scope"] = scope;
  }
  return j;
}

}  // namespace

std::string canonical_content(const ConsentEvent& event) { return content(event).dump(); }

std::string consent_event_id(const ConsentEvent& event) {
  return sha256_hex(canonical_content(event)).substr(0, 32);
}

Sha256 chain_hash(const std::string& canonical, const Sha256& prev) {
  return sha256(to_hex(prev) + "\n" + canonical);
}

Sha256 chain_hash(const ConsentEvent& event, const Sha256& prev) { return chain_hash(canonical_content(event), prev); }

Sha256 genesis_hash() { return Sha256{}; }

bool is_sha256_hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace dpo::model
