#include "model/consent.h"

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
    {ConsentStatus::none, "none"},           {ConsentStatus::given, "given"},     {ConsentStatus::refused, "refused"},
    {ConsentStatus::withdrawn, "withdrawn"}, {ConsentStatus::expired, "expired"},
};

}  // namespace

std::span<const Named<ConsentAction>> consent_actions() { return kActions; }
std::span<const Named<ConsentChannel>> consent_channels() { return kChannels; }
std::span<const Named<ConsentStatus>> consent_statuses() { return kStatuses; }

namespace {

// The canonical form is JSON with keys sorted and no spaces: what
// nlohmann::json's dump() writes for the same object (a test holds the two
// equal on generated events). It is written straight into one buffer, keys in
// their sorted order, because the ledger's check builds it for every event:
// a JSON object per event cost more than the hashing.
// Runs of characters that need no escaping are appended whole.
void put_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

// `"key":` after a comma unless it is the object's first member (the keys
// are the program's own: nothing in them to escape).
void put_key(std::string& out, bool& first, std::string_view key) {
  if (!first) out += ',';
  first = false;
  out += '"';
  out.append(key);
  out.append("\":", 2);
}

void put_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    put_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

std::string canonical_content(const ConsentEvent& e) {
  std::string out;
  canonical_content_into(e, out);
  return out;
}

void canonical_content_into(const ConsentEvent& e, std::string& out) {
  out.clear();
  out.reserve(256);
  bool first = true;
  out += '{';
  put_key(out, first, "action");
  put_string(out, name_of(consent_actions(), e.action));
  put_key(out, first, "at");
  put_string(out, format_utc(e.at));
  if (e.channel) {
    put_key(out, first, "channel");
    put_string(out, name_of(consent_channels(), *e.channel));
  }
  if (!e.evidence.empty()) {
    put_key(out, first, "evidence");
    put_string(out, e.evidence);
  }
  if (!e.notice_version.empty() || !e.notice_sha256.empty()) {
    put_key(out, first, "notice");
    bool inner = true;
    out += '{';
    if (!e.notice_sha256.empty()) {
      put_key(out, inner, "sha256");
      put_string(out, e.notice_sha256);
    }
    if (!e.notice_version.empty()) {
      put_key(out, inner, "version");
      put_string(out, e.notice_version);
    }
    out += '}';
  }
  put_key(out, first, "purpose");
  put_string(out, e.purpose.str());
  if (!e.recorded_by.empty()) {
    put_key(out, first, "recorded_by");
    put_string(out, e.recorded_by);
  }
  if (!e.scope.empty()) {
    put_key(out, first, "scope");
    bool inner = true;
    out += '{';
    if (!e.scope.channels.empty()) {
      put_key(out, inner, "channels");
      put_list(out, e.scope.channels);
    }
    if (e.scope.duration) {
      put_key(out, inner, "duration");
      put_string(out, e.scope.duration->str());
    }
    if (!e.scope.formats.empty()) {
      put_key(out, inner, "formats");
      put_list(out, e.scope.formats);
    }
    if (e.scope.parental) {
      put_key(out, inner, "parental");
      bool parental = true;
      out += '{';
      put_key(out, parental, "evidence");
      put_string(out, e.scope.parental->evidence);
      put_key(out, parental, "name");
      put_string(out, e.scope.parental->name);
      out += '}';
    }
    out += '}';
  }
  put_key(out, first, "subject");
  put_string(out, e.subject.str());
  out += '}';
}

std::string consent_event_id(const ConsentEvent& event) { return sha256_hex(canonical_content(event)).substr(0, 32); }

Sha256 chain_hash(const std::string& canonical, const Sha256& prev) { return sha256(to_hex(prev) + "\n" + canonical); }

Sha256 chain_hash(const ConsentEvent& event, const Sha256& prev) { return chain_hash(canonical_content(event), prev); }

Sha256 genesis_hash() { return Sha256{}; }

void EventHasher::hash(const ConsentEvent& event, const Sha256& prev) {
  canonical_content_into(event, canonical_);
  content_stream_.update(canonical_);
  content_ = content_stream_.finish();
  // As chain_hash(): the predecessor's hex, a line feed, the content.
  static constexpr char kDigits[] = "0123456789abcdef";
  std::array<char, 65> head{};
  for (std::size_t i = 0; i < prev.size(); ++i) {
    head[2 * i] = kDigits[prev[i] >> 4];
    head[2 * i + 1] = kDigits[prev[i] & 0xf];
  }
  head[64] = '\n';
  chain_stream_.update(std::string_view(head.data(), head.size()));
  chain_stream_.update(canonical_);
  chain_ = chain_stream_.finish();
}

bool EventHasher::id_matches(std::string_view id) const {
  static constexpr char kDigits[] = "0123456789abcdef";
  if (id.size() != 32) return false;
  for (std::size_t i = 0; i < 16; ++i)
    if (id[2 * i] != kDigits[content_[i] >> 4] || id[2 * i + 1] != kDigits[content_[i] & 0xf]) return false;
  return true;
}

bool is_sha256_hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

namespace {

// The receipt's JSON-LD context: every key it writes, mapped to a W3C Data
// Privacy Vocabulary term where DPV has one (https://w3id.org/dpv, the terms
// the DPVCG's guide to ISO/IEC TS 27560 uses), to DCMI terms for generic
// metadata, and to dpokit's own terms for its ledger proof. Inline, so that a
// processor expands it without fetching anything.
constexpr std::string_view kContext = R"({
  "dpv": "https://w3id.org/dpv#",
  "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
  "loc": "https://w3id.org/dpv/loc#",
  "dct": "http://purl.org/dc/terms/",
  "xsd": "http://www.w3.org/2001/XMLSchema#",
  "dpokit": "urn:dpokit:receipt:",
  "record_id": "dct:identifier",
  "conforms_to": "dct:conformsTo",
  "format": "dpokit:format",
  "created": {"@id": "dct:created", "@type": "xsd:dateTime"},
  "language": "dct:language",
  "jurisdiction": {"@id": "dpv:hasJurisdiction", "@type": "@id"},
  "applicable_law": {"@id": "dpv:hasApplicableLaw", "@type": "@id"},
  "ledger": "dpokit:ledger",
  "head": "dpokit:head",
  "controller": "dpv:hasDataController",
  "name": "dpv:hasName",
  "identifier": "dpv:hasIdentifier",
  "address": "dpv:hasAddress",
  "contact": "dpv:hasContact",
  "dpo": "dpv:hasDataProtectionOfficer",
  "designation": "dpokit:designation",
  "authority": "dpv:hasAuthority",
  "subject": "dpv:hasDataSubject",
  "key": "dct:identifier",
  "processing": "dpv:hasProcess",
  "purpose": "dpv:hasPurpose",
  "id": "dct:identifier",
  "label": "dct:title",
  "marketing": "dpokit:marketing",
  "channels": "dpokit:channels",
  "legal_basis": {"@id": "dpv:hasLegalBasis", "@type": "@id"},
  "consent_type": {"@id": "dpv:hasLegalBasis", "@type": "@id"},
  "notice": "dpv:hasNotice",
  "version": "dct:hasVersion",
  "sha256": "dpokit:sha256",
  "consent_validity": {"@id": "dpv:hasDuration", "@type": "xsd:duration"},
  "proof_retention": {"@id": "dpokit:proofRetention", "@type": "xsd:duration"},
  "activities": "dpokit:activity",
  "personal_data": "dpv:hasPersonalData",
  "recipients": "dpv:hasRecipient",
  "processors": "dpv:hasDataProcessor",
  "storage": "dpv:hasStorageCondition",
  "location": {"@id": "dpv:hasLocation", "@type": "@id"},
  "duration": {"@id": "dpv:hasDuration", "@type": "xsd:duration"},
  "data": "dpv:hasPersonalData",
  "from": "dpokit:from",
  "fallback": "dpokit:fallback",
  "action": "dpokit:action",
  "basis": "dpokit:basis",
  "withdrawal": "dpv:hasOrganisationalMeasure",
  "right": {"@id": "dpv:hasRight", "@type": "@id"},
  "method": "dct:description",
  "events": "dpokit:event",
  "seq": "dpokit:seq",
  "consent_status": {"@id": "dpv:hasConsentStatus", "@type": "@id"},
  "at": {"@id": "dpv:isIndicatedAtTime", "@type": "xsd:dateTime"},
  "channel": "dpv:hasIndicationMethod",
  "evidence": "dpokit:evidence",
  "recorded_by": "dpokit:recordedBy",
  "scope": "dpokit:scope",
  "formats": "dpokit:formats",
  "parental": "dpv:isIndicatedBy",
  "hash": "dpokit:hash",
  "prev": "dpokit:prev",
  "status": "dpokit:status",
  "as_of": {"@id": "dpokit:asOf", "@type": "xsd:dateTime"},
  "purposes": "dpokit:purposes",
  "since": {"@id": "dpokit:since", "@type": "xsd:dateTime"},
  "until": {"@id": "dpokit:until", "@type": "xsd:dateTime"}
})";

}  // namespace

std::string_view receipt_context_json() { return kContext; }

std::string_view dpv_term(ConsentStatus status) {
  switch (status) {
    case ConsentStatus::given: return "dpv:ConsentGiven";
    case ConsentStatus::refused: return "dpv:ConsentRefused";
    case ConsentStatus::withdrawn: return "dpv:ConsentWithdrawn";
    case ConsentStatus::expired: return "dpv:ConsentExpired";
    case ConsentStatus::none: break;
  }
  return "dpv:ConsentUnknown";
}

std::string_view dpv_term(ConsentAction action) {
  switch (action) {
    case ConsentAction::given: return dpv_term(ConsentStatus::given);
    case ConsentAction::refused: return dpv_term(ConsentStatus::refused);
    case ConsentAction::withdrawn: break;
  }
  return dpv_term(ConsentStatus::withdrawn);
}

}  // namespace dpo::model
