#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "base/names.h"
#include "model/register.h"
#include "model/subject.h"
#include "time/duration.h"
#include "time/instant.h"

/// Consent events and their canonical form (docs/design.md 2.3).
namespace dpo::model {

enum class ConsentAction { given, refused, withdrawn };
/// How the consent was expressed.
enum class ConsentChannel { web_form, paper, email, phone, event };
/// A subject's consent for a purpose at an instant.
enum class ConsentStatus { none, given, refused, withdrawn, expired };

std::span<const Named<ConsentAction>> consent_actions();
std::span<const Named<ConsentChannel>> consent_channels();
std::span<const Named<ConsentStatus>> consent_statuses();

/// The co-signature of a holder of parental authority, required for a subject
/// under the controller country's consent age (GDPR Art. 8; FR: LIL art. 45).
struct ParentalConsent {
  std::string name;      ///< who signed
  std::string evidence;  ///< where the signature is kept
  bool operator==(const ParentalConsent&) const = default;
};

/// What a consent covers beyond its purpose: for a testimonial, the formats,
/// the channels it may appear on and for how long.
struct ConsentScope {
  std::vector<std::string> formats;
  std::vector<std::string> channels;
  std::optional<Duration> duration;
  std::optional<ParentalConsent> parental;
  [[nodiscard]] bool empty() const { return formats.empty() && channels.empty() && !duration && !parental; }
  bool operator==(const ConsentScope&) const = default;
};

struct ConsentEvent {
  SubjectKey subject;
  PurposeId purpose;
  ConsentAction action = ConsentAction::given;
  Instant at;
  std::optional<ConsentChannel> channel;
  std::string notice_version;
  std::string notice_sha256;  ///< lower-case hex SHA-256 of the notice text shown
  std::string evidence;       ///< a form id, the id of a signed paper's scan...
  std::string recorded_by;
  ConsentScope scope;
};

/// A consent event as stored, with its place in the chain.
struct StoredConsent {
  std::int64_t seq = 0;
  std::string id;
  ConsentEvent event;
  Sha256 prev{};
  Sha256 hash{};
};

/// The event's content as canonical JSON: keys sorted, no spaces, times in UTC
/// to the second, absent fields omitted. Its SHA-256 is the event's id.
[[nodiscard]] std::string canonical_content(const ConsentEvent& event);
/// The same, into `out` (cleared first): a buffer reused event after event.
void canonical_content_into(const ConsentEvent& event, std::string& out);
/// The event's stable id: hex SHA-256 of its canonical content, 32 characters.
/// The same event imported twice has the same id.
[[nodiscard]] std::string consent_event_id(const ConsentEvent& event);
/// The chain hash: SHA-256 of the hex hash of the event before it, a line
/// feed, and the event's canonical content.
[[nodiscard]] Sha256 chain_hash(const std::string& canonical, const Sha256& prev);
[[nodiscard]] Sha256 chain_hash(const ConsentEvent& event, const Sha256& prev);

/// The hash a chain starts from: 32 zero bytes.
[[nodiscard]] Sha256 genesis_hash();

/// The hashes of events one after another, as a ledger's check needs them,
/// with one buffer and two SHA-256 contexts reused: no allocation an event.
class EventHasher {
 public:
  /// Hashes `event`, which follows an event of hash `prev`.
  void hash(const ConsentEvent& event, const Sha256& prev);
  /// The last event's canonical content, until the next hash().
  [[nodiscard]] const std::string& canonical() const { return canonical_; }
  /// SHA-256 of the canonical content: the id is its first 16 bytes in hex.
  [[nodiscard]] const Sha256& content() const { return content_; }
  /// The chain hash, as chain_hash(canonical(), prev).
  [[nodiscard]] const Sha256& chain() const { return chain_; }
  /// Whether `id` is the last event's id (consent_event_id()).
  [[nodiscard]] bool id_matches(std::string_view id) const;

 private:
  std::string canonical_;
  Sha256Stream content_stream_;
  Sha256Stream chain_stream_;
  Sha256 content_{};
  Sha256 chain_{};
};

/// Whether `text` is a lower-case hex SHA-256 (64 characters).
[[nodiscard]] bool is_sha256_hex(const std::string& text);

/// The W3C Data Privacy Vocabulary term for a status ("dpv:ConsentGiven"),
/// and for the status an event's action leaves.
[[nodiscard]] std::string_view dpv_term(ConsentStatus status);
[[nodiscard]] std::string_view dpv_term(ConsentAction action);

/// What a consent receipt's `format` says: `dpo consent receipt` writes it,
/// `dpo consent import --from dpv` reads it back (docs/design.md 2.5).
inline constexpr std::string_view kReceiptFormat = "dpokit consent receipt 2";
/// The receipt's JSON-LD `@context`, as JSON text: every key a receipt
/// writes, mapped to a W3C DPV term (or a DCMI or dpokit one), inline.
[[nodiscard]] std::string_view receipt_context_json();

}  // namespace dpo::model
