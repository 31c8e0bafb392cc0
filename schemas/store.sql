-- The dpokit store: the one source of its schema (docs/design.md section 4).
--
-- Each section headed "-- version N:" migrates a store from schema version
-- N-1 to N; a new store runs every section in order. PRAGMA user_version holds
-- the schema version of a store. Never edit a section that has shipped: add one.
--
-- Conventions: instants are INTEGER Unix seconds (UTC); calendar days are TEXT
-- 'YYYY-MM-DD'; durations are ISO 8601 TEXT ('P3Y'); register entries carry a
-- surrogate INTEGER id and the user's TEXT code; 'position' keeps the order of
-- the register file so that `dpo register show` prints it back as written.

-- version 1: the register of processing activities (Art. 30) and the journal

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,   -- 'secret': per-store HMAC key; 'created': creation instant
  value BLOB NOT NULL
) WITHOUT ROWID;

-- Accountability (Art. 5(2)): one row per mutating command. Never personal data.
CREATE TABLE journal (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,       -- the operating-system user who ran the command
  command TEXT NOT NULL,       -- 'init', 'register import', 'subject import', ...
  input   TEXT,                -- the file read, when there is one
  counts  TEXT NOT NULL        -- JSON object: what the command added, changed, removed
);

CREATE TABLE controller (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  name             TEXT NOT NULL,
  siren            TEXT,
  address          TEXT,
  contact          TEXT,
  has_dpo          INTEGER NOT NULL CHECK (has_dpo IN (0, 1)),
  dpo_name         TEXT,
  dpo_email        TEXT,
  dpo_phone        TEXT,
  representative   TEXT,
  authority        TEXT,
  country          TEXT NOT NULL,
  timezone         TEXT NOT NULL,
  language         TEXT NOT NULL CHECK (language IN ('en', 'fr')),
  reviewed         TEXT,
  register_version INTEGER NOT NULL
);

CREATE TABLE data_category (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  label    TEXT NOT NULL,
  special  INTEGER NOT NULL CHECK (special IN (0, 1)),   -- Art. 9(1)
  position INTEGER NOT NULL
);

CREATE TABLE purpose (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  label            TEXT NOT NULL,
  consent_required INTEGER NOT NULL CHECK (consent_required IN (0, 1)),
  validity         TEXT,              -- consent must be renewed after this
  marketing        INTEGER NOT NULL CHECK (marketing IN (0, 1)),
  position         INTEGER NOT NULL
);

CREATE TABLE purpose_channel (
  purpose_id INTEGER NOT NULL REFERENCES purpose (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post', 'social', 'messaging')),
  PRIMARY KEY (purpose_id, position)
) WITHOUT ROWID;

CREATE TABLE processor (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  country    TEXT NOT NULL,
  has_dpa    INTEGER NOT NULL CHECK (has_dpa IN (0, 1)),
  dpa_signed TEXT,
  dpa_review TEXT,
  position   INTEGER NOT NULL
);

CREATE TABLE processor_service (
  processor_id INTEGER NOT NULL REFERENCES processor (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  service      TEXT NOT NULL,
  PRIMARY KEY (processor_id, position)
) WITHOUT ROWID;

-- The Art. 28(3) clauses a processor's DPA contains.
CREATE TABLE dpa_clause (
  processor_id INTEGER NOT NULL REFERENCES processor (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  clause       TEXT NOT NULL CHECK (clause IN ('instructions', 'confidentiality', 'security', 'subprocessors',
                                               'assistance', 'breach-notice', 'deletion', 'audits')),
  PRIMARY KEY (processor_id, position)
) WITHOUT ROWID;

CREATE TABLE subprocessor (
  processor_id INTEGER NOT NULL REFERENCES processor (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  country      TEXT NOT NULL,
  authorised   TEXT,             -- Art. 28(2) written authorisation
  PRIMARY KEY (processor_id, position)
) WITHOUT ROWID;

CREATE TABLE activity (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL,
  description         TEXT,
  joint_controller    TEXT,
  legal_basis         TEXT CHECK (legal_basis IN ('consent', 'contract', 'legal-obligation', 'vital-interests',
                                                  'public-task', 'legitimate-interests')),
  special_condition   TEXT,
  source              TEXT,
  automated_decisions TEXT,
  dpia                TEXT CHECK (dpia IN ('required', 'done', 'not-required')),
  position            INTEGER NOT NULL
);

CREATE TABLE activity_purpose (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  purpose_id  INTEGER NOT NULL REFERENCES purpose (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
CREATE INDEX activity_purpose_by_purpose ON activity_purpose (purpose_id);

CREATE TABLE activity_data (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES data_category (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
CREATE INDEX activity_data_by_category ON activity_data (category_id);

CREATE TABLE activity_subject (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  subject     TEXT NOT NULL,       -- a category of data subjects: 'learners'
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

CREATE TABLE activity_recipient (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  recipient   TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

CREATE TABLE activity_processor (
  activity_id  INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  processor_id INTEGER NOT NULL REFERENCES processor (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
CREATE INDEX activity_processor_by_processor ON activity_processor (processor_id);

CREATE TABLE activity_transfer (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  country     TEXT NOT NULL,
  recipient   TEXT,
  safeguard   TEXT,                -- NULL: none recorded
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

CREATE TABLE activity_security (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  measure     TEXT NOT NULL,
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

-- One rule per activity and data category: the register file may group
-- categories in one rule; rule_no is that rule's place in the activity's list.
CREATE TABLE retention_rule (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES data_category (id) ON DELETE CASCADE,
  rule_no     INTEGER NOT NULL,
  position    INTEGER NOT NULL,    -- the category's place within its rule
  keep        TEXT NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('collected', 'last-contact', 'end', 'consent-withdrawn',
                                               'consent-expired')),
  action      TEXT NOT NULL CHECK (action IN ('delete', 'anonymise', 'review')),
  basis       TEXT,
  PRIMARY KEY (activity_id, category_id)
) WITHOUT ROWID;

-- version 2: data subjects, their engagements with activities, the personal data held

CREATE TABLE subject (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,   -- the stable external key ('L-2024-0042')
  birth_date TEXT,
  cpf_funded INTEGER NOT NULL DEFAULT 0 CHECK (cpf_funded IN (0, 1)),
  legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1))
);

-- What finds a subject: an email, a phone number, a CRM id. Normalised values;
-- one value belongs to one subject.
CREATE TABLE identifier (
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL,
  subject_id INTEGER NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX identifier_by_subject ON identifier (subject_id);

-- A subject's part in an activity, with the dates retention rules count from.
CREATE TABLE engagement (
  subject_id   INTEGER NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  activity_id  INTEGER NOT NULL REFERENCES activity (id),
  started      INTEGER,
  ended        INTEGER,
  last_contact INTEGER,
  PRIMARY KEY (subject_id, activity_id)
) WITHOUT ROWID;
CREATE INDEX engagement_by_activity_end ON engagement (activity_id, ended);
CREATE INDEX engagement_by_activity_contact ON engagement (activity_id, last_contact);

-- One piece of personal data: its value here, or a reference into the system
-- that holds it. digest (HMAC of activity, category, system and content) makes
-- re-importing the same holding a no-op. An anonymised holding keeps its row
-- for statistics but loses its value, its digest and its subject.
CREATE TABLE holding (
  id           INTEGER PRIMARY KEY,
  subject_id   INTEGER,
  activity_id  INTEGER NOT NULL,
  category_id  INTEGER NOT NULL REFERENCES data_category (id),
  system       TEXT NOT NULL,
  collected_at INTEGER NOT NULL,
  value        TEXT,
  ref          TEXT,
  digest       BLOB,
  FOREIGN KEY (subject_id, activity_id) REFERENCES engagement (subject_id, activity_id) ON DELETE CASCADE,
  UNIQUE (subject_id, digest)
);
CREATE INDEX holding_by_rule ON holding (activity_id, category_id, collected_at);

-- version 3: the consent ledger, append-only and hash-chained

-- How long consent proof is kept after the consent ended, per purpose.
ALTER TABLE purpose ADD COLUMN proof TEXT;

-- One row per consent event, in the order it was recorded (seq). hash is the
-- SHA-256 of the event's canonical content with prev, the hash of the event
-- before it (see dpo-consent(1)); editing, deleting, inserting or swapping
-- rows breaks the chain, and `dpo consent verify` names the event.
CREATE TABLE consent_event (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL,          -- SHA-256 of the canonical content, 32 hex: re-imports find it
  subject_id     INTEGER REFERENCES subject (id),
  purpose_id     INTEGER NOT NULL REFERENCES purpose (id),
  subject_key    TEXT,
  purpose        TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('given', 'refused', 'withdrawn')),
  at             INTEGER NOT NULL,
  channel        TEXT CHECK (channel IN ('web-form', 'paper', 'email', 'phone', 'event')),
  notice_version TEXT,
  notice_sha256  TEXT,
  evidence       TEXT,
  recorded_by    TEXT,
  scope          TEXT,                   -- the scope as JSON, or NULL
  prev           BLOB NOT NULL,
  hash           BLOB NOT NULL
);
-- The one index: a subject's history per purpose, and where a re-imported
-- event would be (same subject, purpose and time), so ids need none.
CREATE INDEX consent_by_subject ON consent_event (subject_id, purpose_id, at, seq);

-- When old proof is deleted under its retention rule, the chain is cut: the
-- first remaining event follows `hash`, the hash of the last deleted one.
CREATE TABLE consent_checkpoint (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  through_seq INTEGER NOT NULL,
  hash        BLOB NOT NULL,
  events      INTEGER NOT NULL,          -- how many events the cut removed
  reason      TEXT NOT NULL
);

-- version 4: retention enforced: anonymised holdings, purge runs, the deletion
-- log (proof of erasure without the erased data) and erasure tasks for
-- holdings that live in other systems

ALTER TABLE holding ADD COLUMN anonymised_at INTEGER;

CREATE TABLE purge_run (
  id       INTEGER PRIMARY KEY,
  started  INTEGER NOT NULL,
  finished INTEGER,                 -- NULL while running, or if it was killed
  as_of    INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  scope    TEXT NOT NULL,           -- 'retention', or 'subject' for an erasure request
  counts   TEXT                     -- JSON, when finished
);

-- One row per erased or anonymised holding, or per subject erased whole.
-- The subject appears only as an HMAC-SHA-256 of its key under the store's
-- secret: the log proves what was done without keeping what was erased.
CREATE TABLE deletion_log (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES purge_run (id),
  at           INTEGER NOT NULL,
  subject_hmac BLOB NOT NULL,
  holding_id   INTEGER,             -- the holding erased or anonymised; NULL for a whole subject
  activity     TEXT,
  category     TEXT,
  rule_no      INTEGER,             -- the retention rule, NULL for an erasure request
  action       TEXT NOT NULL CHECK (action IN ('delete', 'anonymise', 'erase-subject', 'erase-request', 'task'))
);
CREATE INDEX deletion_log_by_subject ON deletion_log (subject_hmac);
CREATE INDEX deletion_log_by_holding ON deletion_log (holding_id);

-- A holding that lives in another system ('lms:users/42') is erased there by
-- someone or something else: the purge leaves a task here until it is done.
CREATE TABLE erasure_task (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES purge_run (id),
  created      INTEGER NOT NULL,
  system       TEXT NOT NULL,
  ref          TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (action IN ('delete', 'anonymise')),
  subject_hmac BLOB NOT NULL,
  done_at      INTEGER,
  done_by      TEXT
);
CREATE INDEX erasure_task_open ON erasure_task (done_at, id);

-- version 5: indexes for the purge's single pass over holdings

-- A subject's holdings per activity: retention joins from engagements, the
-- foreign key's cascades, subject-access exports.
CREATE INDEX holding_by_subject ON holding (subject_id, activity_id, category_id);
-- Holdings per activity and category, for counts per retention rule; the
-- collection date is read from the row, and a narrower index is cheaper to
-- keep up while a purge deletes millions of rows.
DROP INDEX holding_by_rule;
CREATE INDEX holding_by_rule ON holding (activity_id, category_id);
-- The deletion log is append-only and has no index, so that logging costs a
-- purge little; asking whether a subject was erased reads it whole. ('task' in
-- its action check is unused: erasure tasks have their own table.)
DROP INDEX deletion_log_by_subject;
DROP INDEX deletion_log_by_holding;

-- version 6: data-subject requests and their Art. 12(3) deadlines

-- One request from a data subject (access, erasure... or a complaint), from
-- receipt to answer. due is the last day to answer, on the controller's
-- calendar (YYYY-MM-DD): one month after receipt counted as Regulation
-- 1182/71 counts, moved past weekends and public holidays; an extension
-- (allowed once, within that month) makes it three. The subject is kept as an
-- HMAC of their key too, so that the log still links to the deletion log
-- once the subject is erased (subject_id then becomes NULL).
CREATE TABLE subject_request (
  id               INTEGER PRIMARY KEY,
  subject_id       INTEGER REFERENCES subject (id) ON DELETE SET NULL,
  subject_hmac     BLOB NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('access', 'rectification', 'erasure', 'restriction',
                                                 'portability', 'objection', 'complaint')),
  received_at      INTEGER NOT NULL,
  due              TEXT NOT NULL,
  extended_at      INTEGER,
  extension_reason TEXT,
  closed_at        INTEGER,
  outcome          TEXT,
  note             TEXT,
  CHECK ((extended_at IS NULL) = (extension_reason IS NULL)),
  CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX subject_request_by_subject ON subject_request (subject_id);
CREATE INDEX subject_request_open ON subject_request (closed_at, due);

-- version 7: the breach register (Art. 33(5)), notified or not

-- One personal-data breach, by the id its incident file gives it.
CREATE TABLE breach (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  communicated_at INTEGER              -- told to the people affected (Art. 34)
);
-- Each version of the incident as recorded (the file, as JSON): the latest is
-- the breach as it stands, the earlier ones its history.
CREATE TABLE breach_version (
  breach_id   INTEGER NOT NULL REFERENCES breach (id),
  version     INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  content     TEXT NOT NULL,
  PRIMARY KEY (breach_id, version)
) WITHOUT ROWID;
-- Notifications to the supervisory authority: the initial one, then any
-- complementary ones (Art. 33(4)); reasons for a notification past 72 hours.
CREATE TABLE breach_notification (
  id        INTEGER PRIMARY KEY,
  breach_id INTEGER NOT NULL REFERENCES breach (id),
  at        INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('initial', 'complementary')),
  reasons   TEXT
);
CREATE INDEX breach_notification_by_breach ON breach_notification (breach_id, at);

-- version 8: seals over the deletion log

-- Every transaction of a purge ends by sealing the deletion-log entries it
-- wrote: seal = SHA-256 of the previous seal followed by each entry's
-- columns, in id order (see store/deletion_log.cc), so the seals chain. An
-- entry changed, deleted or inserted with sqlite3 no longer matches its seal;
-- `dpo purge verify` walks them. Entries older than this version are sealed
-- when the store is upgraded.
CREATE TABLE deletion_seal (
  id       INTEGER PRIMARY KEY,
  first_id INTEGER NOT NULL,  -- the first deletion_log entry sealed
  last_id  INTEGER NOT NULL,  -- the last one
  entries  INTEGER NOT NULL,
  prev     BLOB NOT NULL,     -- the seal before, 32 zero bytes for the first
  seal     BLOB NOT NULL
);

-- version 9: the ledger's and the deletion log's checks without temporary tables

-- SQLite checks `x IN ('a', 'b', 'c')` by building a temporary b-tree of the
-- list for every row it inserts: on these two tables, written a million rows
-- at a time by imports and purges, that was half the database's work. The
-- same rules, written as comparisons, cost a few instructions. Both tables
-- are rebuilt as they were, rows, ids and index included; nothing refers to
-- either. The deletion log loses 'task', which no version ever wrote.
ALTER TABLE consent_event RENAME TO consent_event_v8;
CREATE TABLE consent_event (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL,          -- SHA-256 of the canonical content, 32 hex: re-imports find it
  subject_id     INTEGER REFERENCES subject (id),
  purpose_id     INTEGER NOT NULL REFERENCES purpose (id),
  subject_key    TEXT,
  purpose        TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action = 'given' OR action = 'refused' OR action = 'withdrawn'),
  at             INTEGER NOT NULL,
  channel        TEXT CHECK (channel = 'web-form' OR channel = 'paper' OR channel = 'email' OR channel = 'phone'
                             OR channel = 'event'),
  notice_version TEXT,
  notice_sha256  TEXT,
  evidence       TEXT,
  recorded_by    TEXT,
  scope          TEXT,                   -- the scope as JSON, or NULL
  prev           BLOB NOT NULL,
  hash           BLOB NOT NULL
);
INSERT INTO consent_event SELECT * FROM consent_event_v8;
DROP TABLE consent_event_v8;
CREATE INDEX consent_by_subject ON consent_event (subject_id, purpose_id, at, seq);

ALTER TABLE deletion_log RENAME TO deletion_log_v8;
CREATE TABLE deletion_log (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES purge_run (id),
  at           INTEGER NOT NULL,
  subject_hmac BLOB NOT NULL,
  holding_id   INTEGER,             -- the holding erased or anonymised; NULL for a whole subject
  activity     TEXT,
  category     TEXT,
  rule_no      INTEGER,             -- the retention rule, NULL for an erasure request
  action       TEXT NOT NULL CHECK (action = 'delete' OR action = 'anonymise' OR action = 'erase-subject'
                                    OR action = 'erase-request')
);
INSERT INTO deletion_log SELECT * FROM deletion_log_v8;
DROP TABLE deletion_log_v8;

-- version 10: the subjects a purge has left with nothing, until it erases them

-- A purge erases the subjects its batches leave with nothing a group at a
-- time, not batch by batch: erasing a subject rewrites pages all over the
-- engagement and identifier indexes and the consent ledger, and a group
-- rewrites each of them once. The subjects wait here, listed in the
-- transaction that removed their last holding, so that a run killed before
-- their group is erased leaves them to the next run. A subject given new
-- holdings meanwhile leaves the list; one put under legal hold stays on it
-- until the hold is lifted.
CREATE TABLE purge_pending (
  subject_id INTEGER PRIMARY KEY REFERENCES subject (id) ON DELETE CASCADE
);

-- version 11: consent checkpoints chained and sealed like the events they replace

-- A checkpoint records a cut of the ledger's oldest events (their proof
-- period over). Each is sealed: seal = SHA-256 of the previous checkpoint's
-- seal (32 zero bytes for the first) and its own columns (see
-- store/consent_store.cc), and the command that cut journals the seal, so
-- that a checkpoint inserted by hand, with the events before it deleted, no
-- longer verifies. Checkpoints older than this version are sealed when the
-- store is upgraded.
ALTER TABLE consent_checkpoint ADD COLUMN prev BLOB;
ALTER TABLE consent_checkpoint ADD COLUMN seal BLOB;

-- version 12: several retention rules per data category, fallbacks, legal obligations

-- A data category may have several rules (the first deadline to pass
-- applies), so a row is keyed by the rule's place in the activity's list
-- and the category's place in the rule. `fallback` is the rule's `else:`,
-- the date counted from when `trigger` never happens; `obligation` says
-- whether a legal obligation sets the period (Art. 17(3)(b)), NULL when the
-- register leaves it to the activity's legal basis.
ALTER TABLE retention_rule RENAME TO retention_rule_v11;
CREATE TABLE retention_rule (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  rule_no     INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES data_category (id) ON DELETE CASCADE,
  keep        TEXT NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('collected', 'last-contact', 'end', 'consent-withdrawn',
                                               'consent-expired')),
  fallback    TEXT CHECK (fallback IN ('collected', 'last-contact', 'end')),
  action      TEXT NOT NULL CHECK (action IN ('delete', 'anonymise', 'review')),
  basis       TEXT,
  obligation  INTEGER CHECK (obligation IN (0, 1)),
  PRIMARY KEY (activity_id, rule_no, position)
) WITHOUT ROWID;
INSERT INTO retention_rule (activity_id, rule_no, position, category_id, keep, trigger, action, basis)
  SELECT activity_id, rule_no, position, category_id, keep, trigger, action, basis FROM retention_rule_v11;
DROP TABLE retention_rule_v11;

-- An erasure task that must not run (a legal hold found in the other system)
-- is cancelled with its reason: closed like a done one, the reason kept.
ALTER TABLE erasure_task ADD COLUMN cancel_reason TEXT;

-- People erased on request are not brought back by the next import of a CRM
-- export: the keyed hashes (HMAC-SHA-256 under the store's secret) of their
-- key and of each identifier ("kind:value"), never the values, are listed
-- until a date (three years after the erasure). An import skips a line whose
-- key or identifier is listed, unless told to bring the person back, which
-- lifts the listing.
CREATE TABLE suppression (
  mac    BLOB PRIMARY KEY,
  since  INTEGER NOT NULL,
  until  INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('erasure'))
) WITHOUT ROWID;

-- version 13: a MAC over each journal record

-- Under DPO_KEY_FILE's key, each record carries the HMAC-SHA-256 of all its
-- columns (store/store.cc), so that a record blanked or rewritten by hand
-- (its counts set to '{}', taking the ledger's or the log's head with them)
-- is named by `verify`. NULL without a key. A store upgraded under a key has
-- its older records MACed as they stand at the upgrade.
ALTER TABLE journal ADD COLUMN mac TEXT;

-- version 14: legal holds with a scope, a reason and an end

-- A legal hold (Art. 17(3)(e)) on one subject, set by `dpo subject hold`:
-- on everything held about them, or on one activity's holdings (activity,
-- its code), or one data category (category, its code), of one activity or
-- of all. It runs from `since` to `until` (NULL: until released); a
-- released hold stays, with when and why, as the record of the decision.
-- The import's subject.legal_hold flag stays: a hold on the whole person
-- with no reason or end, as the source system says.
CREATE TABLE legal_hold (
  id             INTEGER PRIMARY KEY,
  subject_id     INTEGER NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  activity       TEXT,
  category       TEXT,
  reason         TEXT NOT NULL,
  since          INTEGER NOT NULL,
  until          INTEGER,
  released_at    INTEGER,
  release_reason TEXT
);
CREATE INDEX legal_hold_by_subject ON legal_hold (subject_id);

-- An objection to direct marketing (Art. 21(3)) lists the person's keyed
-- hashes too, with reason 'objection', for the same period: marketing must
-- stop for them, though the person stays. Imports skip only those erased
-- ('erasure'); an erasure later replaces an objection's listing.
ALTER TABLE suppression RENAME TO suppression_v13;
CREATE TABLE suppression (
  mac    BLOB PRIMARY KEY,
  since  INTEGER NOT NULL,
  until  INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('erasure', 'objection'))
) WITHOUT ROWID;
INSERT INTO suppression SELECT * FROM suppression_v13;
DROP TABLE suppression_v13;

-- How long the list keeps people (controller.suppression, an ISO 8601
-- duration); NULL, as in older stores: three years.
ALTER TABLE controller ADD COLUMN suppression TEXT;

-- version 15: purposes that canvass for CPF-eligible actions or CPF data

-- C. trav. L6323-8-1 bans such canvassing by phone, SMS, messaging, email and
-- social networks whatever the person agreed to; the audit's CPF-001 reads
-- this flag, not the subjects' cpf_funded, since every worker holds an account.
ALTER TABLE purpose ADD COLUMN cpf_eligible INTEGER NOT NULL DEFAULT 0 CHECK (cpf_eligible IN (0, 1));

-- version 16: transfers: occasional ones, recipients within a partial adequacy
-- decision, and the grounds of onward transfers to sub-processors

-- An Art. 49 derogation grounds only an occasional transfer; Canada's
-- decision covers only organisations under PIPEDA, which a recipient says it
-- is; a sub-processor outside the EEA receives an onward transfer (Art. 44)
-- that needs its own ground.
ALTER TABLE activity_transfer ADD COLUMN occasional INTEGER NOT NULL DEFAULT 0 CHECK (occasional IN (0, 1));
ALTER TABLE activity_transfer ADD COLUMN covered_by_adequacy INTEGER NOT NULL DEFAULT 0
  CHECK (covered_by_adequacy IN (0, 1));
ALTER TABLE processor ADD COLUMN covered_by_adequacy INTEGER NOT NULL DEFAULT 0 CHECK (covered_by_adequacy IN (0, 1));
ALTER TABLE subprocessor ADD COLUMN safeguard TEXT;
ALTER TABLE subprocessor ADD COLUMN covered_by_adequacy INTEGER NOT NULL DEFAULT 0
  CHECK (covered_by_adequacy IN (0, 1));

-- version 17: why a purpose may canvass by email or SMS without consent

-- CPCE L34-5: 'existing-customers' (similar products, opt-out offered) or
-- 'professionals' (about their job, opt-out offered); NULL: consent needed.
ALTER TABLE purpose ADD COLUMN marketing_exception TEXT CHECK (marketing_exception IN ('existing-customers',
                                                                                     'professionals'));

-- version 18: public bodies and the DPO's designation number

-- Art. 37(1)(a): a public authority or body must designate a DPO; Art. 37(7):
-- the designation is communicated to the authority, which numbers it.
ALTER TABLE controller ADD COLUMN public_body INTEGER NOT NULL DEFAULT 0 CHECK (public_body IN (0, 1));
ALTER TABLE controller ADD COLUMN dpo_designation TEXT;

-- version 19: intermediate archiving, and free-text data categories

-- A retention rule may archive (CNIL, guide on retention periods): the
-- holding leaves active use for a restricted store, marked with when, until
-- a later rule of its category deletes or anonymises it. The purge logs an
-- archiving like a deletion, and hands a holding of another system an
-- 'archive' task. The three tables whose checks list the actions are rebuilt
-- as they were, rows and ids included, with 'archive' added (the tasks' as
-- comparisons, as version 9 did for the log: no temporary b-tree a row).
ALTER TABLE holding ADD COLUMN archived_at INTEGER;

ALTER TABLE retention_rule RENAME TO retention_rule_v18;
CREATE TABLE retention_rule (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  rule_no     INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES data_category (id) ON DELETE CASCADE,
  keep        TEXT NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('collected', 'last-contact', 'end', 'consent-withdrawn',
                                               'consent-expired')),
  fallback    TEXT CHECK (fallback IN ('collected', 'last-contact', 'end')),
  action      TEXT NOT NULL CHECK (action IN ('delete', 'anonymise', 'archive', 'review')),
  basis       TEXT,
  obligation  INTEGER CHECK (obligation IN (0, 1)),
  -- why anonymising a free-text category truly anonymises it
  justification TEXT,
  PRIMARY KEY (activity_id, rule_no, position)
) WITHOUT ROWID;
INSERT INTO retention_rule (activity_id, rule_no, position, category_id, keep, trigger, fallback, action, basis,
                            obligation)
  SELECT activity_id, rule_no, position, category_id, keep, trigger, fallback, action, basis, obligation
  FROM retention_rule_v18;
DROP TABLE retention_rule_v18;

ALTER TABLE deletion_log RENAME TO deletion_log_v18;
CREATE TABLE deletion_log (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES purge_run (id),
  at           INTEGER NOT NULL,
  subject_hmac BLOB NOT NULL,
  holding_id   INTEGER,             -- the holding erased, anonymised or archived; NULL for a whole subject
  activity     TEXT,
  category     TEXT,
  rule_no      INTEGER,             -- the retention rule, NULL for an erasure request
  action       TEXT NOT NULL CHECK (action = 'delete' OR action = 'anonymise' OR action = 'archive'
                                    OR action = 'erase-subject' OR action = 'erase-request')
);
INSERT INTO deletion_log SELECT * FROM deletion_log_v18;
DROP TABLE deletion_log_v18;

ALTER TABLE erasure_task RENAME TO erasure_task_v18;
CREATE TABLE erasure_task (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES purge_run (id),
  created       INTEGER NOT NULL,
  system        TEXT NOT NULL,
  ref           TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (action = 'delete' OR action = 'anonymise' OR action = 'archive'),
  subject_hmac  BLOB NOT NULL,
  done_at       INTEGER,
  done_by       TEXT,
  cancel_reason TEXT
);
INSERT INTO erasure_task SELECT * FROM erasure_task_v18;
DROP TABLE erasure_task_v18;
CREATE INDEX erasure_task_open ON erasure_task (done_at, id);

-- A data category of free text (comments, testimonials, notes): the
-- register refuses to anonymise it without a justification.
ALTER TABLE data_category ADD COLUMN free_text INTEGER NOT NULL DEFAULT 0 CHECK (free_text IN (0, 1));

-- version 20: the purposes an objection listing covers

-- An objection to direct marketing lists the person for the purposes they
-- objected to (a JSON array of purpose codes): a subject import leaves out
-- what serves only those purposes, and a new consent to one of them is
-- refused unless recorded as given again (--allow-suppressed), which takes
-- that purpose off the listing. NULL, as older objection listings are: every
-- marketing purpose.
ALTER TABLE suppression ADD COLUMN purposes TEXT;

-- version 21: kinds of data, and the texts that authorise criminal data and the NIR

-- A data category's kind: the CNIL register's categories, plus official
-- identifiers (the NIR, identity documents), credentials, special (Art. 9)
-- and criminal (Art. 10) data; NULL when the register does not say.
-- special = 1 stays, and means kind 'special'.
ALTER TABLE data_category ADD COLUMN kind TEXT CHECK (kind IN ('identity', 'personal-life', 'professional',
  'financial', 'connection', 'location', 'official-id', 'credentials', 'special', 'criminal', 'other'));
-- The text that authorises an activity's criminal-offence data (Art. 10) or
-- its use of the NIR (décret n° 2019-341).
ALTER TABLE activity ADD COLUMN authorisation TEXT;
-- Whether the activity monitors people regularly and systematically
-- (Art. 37(1)(b)): at large scale, a DPO is mandatory.
ALTER TABLE activity ADD COLUMN monitoring INTEGER NOT NULL DEFAULT 0 CHECK (monitoring IN (0, 1));

-- version 22: Art. 28(3)(f) named for what it covers, and the particulars a DPA sets out

-- Clause (f) is assistance with Arts. 32 to 36, not breach notice alone: the
-- table is rebuilt with the new name in its check, rows and order kept.
ALTER TABLE dpa_clause RENAME TO dpa_clause_v21;
CREATE TABLE dpa_clause (
  processor_id INTEGER NOT NULL REFERENCES processor (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  clause       TEXT NOT NULL CHECK (clause IN ('instructions', 'confidentiality', 'security', 'subprocessors',
                                               'assistance', 'assistance-32-36', 'deletion', 'audits')),
  PRIMARY KEY (processor_id, position)
) WITHOUT ROWID;
INSERT INTO dpa_clause (processor_id, position, clause)
  SELECT processor_id, position, CASE clause WHEN 'breach-notice' THEN 'assistance-32-36' ELSE clause END
  FROM dpa_clause_v21;
DROP TABLE dpa_clause_v21;

-- What the opening of Art. 28(3) says the contract sets out: subject-matter,
-- duration, nature, purpose, type of data, categories of subjects, the
-- controller's obligations and rights.
CREATE TABLE dpa_particular (
  processor_id INTEGER NOT NULL REFERENCES processor (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  particular   TEXT NOT NULL CHECK (particular IN ('subject-matter', 'duration', 'nature', 'purpose', 'data',
                                                   'subjects', 'controller-rights')),
  PRIMARY KEY (processor_id, position)
) WITHOUT ROWID;

-- version 23: a DPIA with its day, its review, its reason, and the criteria that call for it

-- done: the day it was concluded and the day it is re-assessed (Art.
-- 35(11)); not-required: the day that was decided and why (WP248).
ALTER TABLE activity ADD COLUMN dpia_date TEXT;
ALTER TABLE activity ADD COLUMN dpia_review TEXT;
ALTER TABLE activity ADD COLUMN dpia_reason TEXT;
-- The WP248 criteria the register declares for the activity.
CREATE TABLE activity_dpia_criterion (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  criterion   TEXT NOT NULL CHECK (criterion IN ('evaluation', 'automated-decisions', 'monitoring', 'sensitive',
                                                 'large-scale', 'matching', 'vulnerable', 'innovative', 'blocking')),
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
-- The entries of the CNIL's list of processing needing a DPIA (délibération
-- n° 2018-327) the activity falls under.
CREATE TABLE activity_cnil_dpia (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  entry       TEXT NOT NULL CHECK (entry IN ('health-care', 'genetic-vulnerable', 'hr-profiling',
                                             'employee-monitoring', 'social-alerts', 'professional-alerts',
                                             'health-warehouse', 'profiling-exclusion', 'shared-breaches',
                                             'external-profiling', 'biometric-vulnerable', 'social-housing',
                                             'social-support', 'location-large-scale')),
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

-- version 24: several legal bases in one activity, each for its purposes

-- One row with no purpose when one basis grounds the whole activity; else a
-- row per basis and purpose. The activity's legal_basis column moves here.
CREATE TABLE activity_basis (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  basis       TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interests',
                                             'public-task', 'legitimate-interests')),
  purpose_id  INTEGER REFERENCES purpose (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
INSERT INTO activity_basis (activity_id, position, basis, purpose_id)
  SELECT id, 0, legal_basis, NULL FROM activity WHERE legal_basis IS NOT NULL;
ALTER TABLE activity DROP COLUMN legal_basis;

-- version 25: purposes collecting the explicit consent of Art. 9(2)(a)

ALTER TABLE purpose ADD COLUMN explicit_consent INTEGER NOT NULL DEFAULT 0 CHECK (explicit_consent IN (0, 1));

-- version 26: the DPO's decision on a breach

-- What the DPO concluded (notify the authority, tell the people) and why,
-- by whom and when: the register, the drafts and the audit follow the
-- latest row instead of the assessment; the earlier rows are its history.
CREATE TABLE breach_decision (
  id          INTEGER PRIMARY KEY,
  breach_id   INTEGER NOT NULL REFERENCES breach (id),
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  notify      INTEGER NOT NULL CHECK (notify IN (0, 1)),
  communicate INTEGER NOT NULL CHECK (communicate IN (0, 1)),
  reason      TEXT NOT NULL
);
CREATE INDEX breach_decision_by_breach ON breach_decision (breach_id, id);

-- version 27: the controller's sector and headcount

-- The CNIL's breach notification form asks what the organisation does and
-- how many people it employs.
ALTER TABLE controller ADD COLUMN sector TEXT;
ALTER TABLE controller ADD COLUMN headcount INTEGER CHECK (headcount IS NULL OR headcount >= 1);

-- version 28: phone numbers in E.164

-- Identifiers of kind 'phone' are kept in E.164 (+33623456789), however
-- they were written, so that every writing of a number finds its subject.
-- The upgrade rewrites the numbers stored before (their digits and a
-- leading '+') in C++ with libphonenumber (lib/store/store.cc); a number it
-- cannot read, or whose E.164 form another subject already has, is kept as
-- it was and named in a warning.

-- version 29: requests from people not in the store

-- A request's deadline runs from its receipt whether or not the store knows
-- the person (Art. 12(3)); the answer may be that no data is held
-- (Art. 15(1)). Such a request keeps how the person can be answered: the
-- email, phone number or name they gave, normalised like identifiers. The
-- request may later be linked to a subject: subject_id is set and the
-- requester columns emptied (the subject's identifiers hold the contact, and
-- erasing the subject must leave nothing of them here). subject_hmac is the
-- keyed hash of "kind:value" until the link.
ALTER TABLE subject_request ADD COLUMN requester_kind TEXT CHECK (requester_kind IN ('email', 'phone', 'name'));
ALTER TABLE subject_request ADD COLUMN requester TEXT CHECK ((requester IS NULL) = (requester_kind IS NULL));

-- version 30: recorded audits

-- `dpo audit --record` keeps a run's key figures and findings, so that a
-- later report can say what changed since and draw each figure over time
-- (dpo-audit(1), "MANAGEMENT REPORT"). One run per as-of instant: recording
-- the same instant again replaces it, its rows going with it. Findings name
-- register objects (an activity, a processor, a purpose) or a request's or
-- breach's number, never a person. Who recorded it, and when, is in the
-- journal ('audit record').
CREATE TABLE audit_run (
  id          INTEGER PRIMARY KEY,
  as_of       INTEGER NOT NULL UNIQUE,
  errors      INTEGER NOT NULL CHECK (errors >= 0),
  warnings    INTEGER NOT NULL CHECK (warnings >= 0)
);
-- A share has a denominator; a count has none. A figure with nothing to
-- measure yet (a median of no answers) has no numerator.
CREATE TABLE audit_kpi (
  run_id      INTEGER NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  kpi         TEXT NOT NULL,
  numerator   INTEGER,
  denominator INTEGER,
  PRIMARY KEY (run_id, position),
  UNIQUE (run_id, kpi)
) WITHOUT ROWID;
CREATE TABLE audit_finding (
  run_id      INTEGER NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  object_kind TEXT NOT NULL,
  object      TEXT NOT NULL,
  count       INTEGER,
  PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
-- The counts per rule and severity, as the management report compares them.
CREATE VIEW audit_rule_count AS
  SELECT run_id, rule, severity, count(*) AS findings, sum(count) AS affected
  FROM audit_finding GROUP BY run_id, rule, severity;

-- version 31: requests refused

-- A request the controller does not act on is closed as refused, and its
-- outcome holds the reasons: Art. 12(4) has the person told of them, and of
-- their right to complain and to seek a judicial remedy, within a month.
ALTER TABLE subject_request ADD COLUMN refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1));

-- version 32: a person's name, postal address and form of address, for letters

-- What a letter to the person is addressed with (docs/design.md 2.2): their
-- name, their postal address (its lines joined by a line feed) and how the
-- letter greets them. Personal data held with the subject, so they go when
-- the subject is erased; not identifiers, which find a person and belong to
-- one: two people may share a name. The upgrade moves the identifiers of
-- kinds 'name' and 'address' that older versions kept into these columns in
-- C++ (lib/store/store.cc), the first of each kind in value order; a
-- subject's other ones stay identifiers and are named in a warning.
ALTER TABLE subject ADD COLUMN name TEXT;
ALTER TABLE subject ADD COLUMN postal_address TEXT;
ALTER TABLE subject ADD COLUMN civility TEXT CHECK (civility = 'madam' OR civility = 'sir');

-- version 33: the legitimate interest pursued

-- On legitimate interests (Art. 6(1)(f)) the register states the interest
-- pursued, which a notice gives (Art. 13(1)(d), 14(2)(b)), and where the
-- balancing test is documented (Art. 5(2)). An activity rests on that
-- basis once at most, so both are the activity's; NULL when not given.
ALTER TABLE activity ADD COLUMN interest TEXT;
ALTER TABLE activity ADD COLUMN balancing TEXT;
