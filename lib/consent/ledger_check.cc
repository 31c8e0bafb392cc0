#include "consent/ledger_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "base/pipeline.h"
#include "base/strings.h"
#include "consent/verify.h"
#include "store/consent_store.h"

namespace dpo::consent {

namespace {

std::string deleted_events(std::int64_t first, std::int64_t last, std::int64_t record) {
  return first == last ? fmt::format("event {} was deleted: journal record {} saw the ledger up to it", first, record)
                       : fmt::format("events {} to {} were deleted: journal record {} saw the ledger up to event {}",
                                     first, last, record, last);
}

// The checkpoints, each sealed over the one before and journaled by the
// command that cut; "" when they hold.
std::string check_checkpoints(store::Store& s) {
  std::map<std::int64_t, std::string> journaled;  // through_seq -> seal, as the journal recorded them
  std::map<std::int64_t, std::int64_t> record_of;
  store::for_each_journaled_checkpoint(s, [&](std::int64_t record, std::int64_t seq, const std::string& seal) {
    journaled[seq] = seal;
    record_of.emplace(seq, record);
  });
  std::string problem;
  Sha256 running{};
  std::int64_t through = 0;
  std::map<std::int64_t, std::string> stored;
  store::for_each_checkpoint(s, [&](const store::StoredCheckpoint& c) {
    if (!problem.empty()) return;
    if (c.prev != running || c.through_seq <= through)
      problem = fmt::format(
          "checkpoint {} does not follow the checkpoint before it: checkpoints were inserted, "
          "removed or rewritten",
          c.id);
    else if (c.seal != c.recomputed)
      problem = fmt::format("checkpoint {} was forged or changed: its columns no longer give its seal", c.id);
    else if (c.events != c.through_seq - through)
      problem =
          fmt::format("checkpoint {} says it cut {} events where it cuts {}", c.id, c.events, c.through_seq - through);
    else if (auto j = journaled.find(c.through_seq); j == journaled.end() || j->second != to_hex(c.seal))
      problem = fmt::format("checkpoint {} (through event {}) is not in the journal: it was not made by dpo purge",
                            c.id, c.through_seq);
    running = c.seal;
    through = c.through_seq;
    stored[c.through_seq] = to_hex(c.seal);
  });
  if (!problem.empty()) return problem;
  for (const auto& [seq, seal] : journaled) {
    auto c = stored.find(seq);
    if (c == stored.end() || c->second != seal)
      return fmt::format("the checkpoint through event {} that journal record {} recorded is gone or was rewritten",
                         seq, record_of[seq]);
  }
  return {};
}

// Every head the journal recorded: still in the ledger with its hash (or cut
// since).
std::string check_journaled_heads(store::Store& s, const store::ChainStart& start, std::int64_t last_seq) {
  std::string problem;
  store::for_each_journaled_ledger(s, [&](const store::JournaledLedger& j) {
    if (!problem.empty()) return;
    bool rewritten = false;
    if (j.head_seq > last_seq)
      problem = deleted_events(std::max(last_seq, start.through_seq) + 1, j.head_seq, j.record);
    else if (j.head_seq == start.through_seq && j.head_seq > 0)
      rewritten = j.head != to_hex(start.hash);
    else if (j.head_seq > start.through_seq)
      rewritten = j.stored_head != j.head;
    if (rewritten)
      problem = fmt::format("the ledger was rewritten: event {} no longer has the hash journal record {} recorded",
                            j.head_seq, j.record);
  });
  return problem;
}

// An anchor kept elsewhere: a bare hash that some event must have, or
// SEQ:HASH[:MAC] for the event at SEQ.
std::string check_anchor(store::Store& s, const std::string& text, const store::ChainStart& start,
                         std::int64_t last_seq, bool hash_seen) {
  store::Anchor anchor = store::parse_anchor(text);
  if (!anchor.position)
    return hash_seen ? std::string()
                     : fmt::format("no event has the anchor hash {}: the ledger it was taken from was rewritten", text);
  if (std::string problem = store::anchor_mac_problem(s, "ledger", anchor); !problem.empty()) return problem;
  const std::int64_t* seq = &*anchor.position;
  if (*seq > last_seq)
    return fmt::format("the anchor's event {} is gone: the ledger now ends at event {}", *seq, last_seq);
  std::optional<Sha256> hash = *seq == start.through_seq  ? std::optional<Sha256>(start.hash)
                               : *seq > start.through_seq ? store::event_hash(s, *seq)
                                                          : std::nullopt;
  if (*seq >= start.through_seq && *seq > 0 && (!hash || to_hex(*hash) != anchor.hash))
    return fmt::format("event {} no longer has the anchor's hash: the ledger it was taken from was rewritten", *seq);
  return {};
}

// One event as read, with what its rows point at.
struct LinkedEvent {
  store::StoredConsent event;
  store::EventLinks links;
};

// What is wrong with an event's columns outside its hash, or "".
std::string link_fault(const std::vector<unsigned char>& secret, const store::StoredConsent& c,
                       const model::EventHasher& hashed, const store::EventLinks& links,
                       const std::optional<std::vector<Sha256>>& erased) {
  if (!hashed.id_matches(c.id)) return fmt::format("event {} has another event's id: its id column was changed", c.seq);
  if (links.linked_purpose != c.event.purpose.str())
    return fmt::format(
        "event {} was moved to another purpose: its purpose_id does not point at the purpose its "
        "hash covers",
        c.seq);
  if (!links.scope_intact)
    return fmt::format("event {} has another scope: its scope column no longer reads as the scope its hash covers",
                       c.seq);
  if (links.has_subject_id && links.linked_key != c.event.subject.str())
    return fmt::format(
        "event {} was moved to another subject: its subject_id does not point at the subject its "
        "hash covers",
        c.seq);
  if (!links.has_subject_id) {
    // Only the purge unlinks events, from the subjects it erases and logs.
    Sha256 mac = hmac_sha256(secret, c.event.subject.str());
    if (!erased || !std::binary_search(erased->begin(), erased->end(), mac))
      return fmt::format("event {} was unlinked from its subject, whom no purge erased", c.seq);
  }
  return {};
}

}  // namespace

LedgerCheck check_ledger(store::Store& s, const std::string& anchor) {
  // One snapshot for every table read: a run committing between two reads
  // would look like events deleted or rewritten.
  store::ReadSnapshot snapshot(s);
  LedgerCheck out;
  store::ChainStart start = store::chain_start(s);
  out.checkpoint_seq = start.through_seq;
  out.checkpoint_hash = start.hash;
  if (out.problem = store::journal_problem(s, "the ledger"); !out.problem.empty()) return out;
  if (out.problem = check_checkpoints(s); !out.problem.empty()) return out;

  consent::ChainVerifier verifier(start.hash, start.through_seq);
  std::int64_t last_seq = start.through_seq;
  // A bare anchor hash, looked for among the events' hashes as they pass.
  std::optional<Sha256> anchor_hash = from_hex_sha256(anchor);
  bool anchor_seen = false;
  model::EventHasher hashed;
  std::string link_problem;
  {
    // The ledger read in one thread (the store's connection is used by that
    // thread alone while it reads) and checked in this one: the reading is
    // SQLite's work, the checking SHA-256's and ours, and each takes about
    // as long. The subjects the purge erased are read by the reading side,
    // the first time an unlinked event comes, before that event is handed
    // over; nothing writes them after.
    std::optional<std::vector<Sha256>> erased;
    Pipeline<LinkedEvent> reader([&s, &erased](const Pipeline<LinkedEvent>::HandOver& hand_over) {
      constexpr std::size_t kBatch = 512;
      std::vector<LinkedEvent> batch;
      batch.reserve(kBatch);
      store::for_each_consent_linked(s, [&](store::StoredConsent&& c, store::EventLinks&& links) {
        if (!links.has_subject_id && !erased) erased = store::erased_subject_macs(s);
        batch.push_back({std::move(c), std::move(links)});
        if (batch.size() < kBatch) return true;
        bool go_on = hand_over(std::move(batch));
        batch = {};
        batch.reserve(kBatch);
        return go_on;
      });
      hand_over(std::move(batch));
    });
    for (std::vector<LinkedEvent> batch = reader.next(); !batch.empty(); batch = reader.next()) {
      bool go_on = true;
      for (const LinkedEvent& row : batch) {
        const store::StoredConsent& c = row.event;
        if (anchor_hash && c.hash == *anchor_hash) anchor_seen = true;
        last_seq = c.seq;
        hashed.hash(c.event, c.prev);
        if (!verifier.add({c.seq, c.hash, c.prev, hashed.chain()})) {
          go_on = false;
          break;
        }
        // The columns outside the hash, against what the hash covers: the
        // first such problem is kept, and reported if the chain holds.
        if (link_problem.empty()) link_problem = link_fault(s.secret(), c, hashed, row.links, erased);
      }
      if (!go_on) break;
    }
  }  // the reading thread is done with the connection
  std::optional<consent::ChainProblem> problem = verifier.finish();
  out.events = verifier.events();
  out.head_seq = verifier.head_seq();
  out.head = verifier.head();
  if (problem) {
    out.problem = problem->str();
  } else if (!link_problem.empty()) {
    out.problem = link_problem;
  } else if (out.problem = check_journaled_heads(s, start, last_seq); !out.problem.empty()) {
  } else if (!anchor.empty()) {
    out.problem = check_anchor(s, anchor, start, last_seq, anchor_seen);
  }
  return out;
}

std::string ledger_anchor(store::Store& s) {
  store::LedgerState state = store::ledger_state(s);
  return store::format_anchor(s, "ledger", state.head_seq, to_hex(state.head));
}

}  // namespace dpo::consent
