#!/usr/bin/env python3
"""Writes subjects.jsonl and consents.jsonl: the learners and prospects of the
example training organisation and their consent events, reproducibly from
fixed seeds. Every name, address and number is invented; emails use the
reserved .example domain.

Nine cohorts from January 2023 to September 2025 (22 learners each) plus one
cohort still in training in November 2026, and fifteen newsletter prospects.
Consents follow the engagements: newsletter and referral opt-ins, alumni
community and testimonial consents (with scope), withdrawals, refusals, a
minor's consent with the parental co-signature. The notices shown are the
files in notices/, hashed with SHA-256: the current versions are written by
`dpo register notice` (tests/data/notices/make.sh writes them again, from
register.yaml); newsletter-v1.txt is the history. Write the notices first,
then run this. Written with gaps for the audit: two
prospects imported with no consent at all, and one alumni consent taken by
phone with no evidence.

Run it again after changing it (python3 make_example.py); the output is
committed so that the example does not depend on Python.
"""

import datetime as dt
import hashlib
import json
import pathlib
import random

SEED = 2026
TODAY = dt.date(2026, 11, 26)

FIRST = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Jade", "Louise", "Emma", "Alice", "Zoé", "Lina",
         "Julie", "Nadia", "Sophie", "Hugo", "Lucas", "Louis", "Nathan", "Thomas", "Karim", "Mathis", "Yanis",
         "Julien", "Antoine", "Maxime", "Rémi", "Bastien", "Mehdi", "Olivier", "Élodie", "Amandine", "Céline",
         "Fabien", "Grégoire", "Hélène", "Isabelle", "Jérôme", "Laurent", "Margaux"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin"]
JOBS = ["office manager", "accountant", "HR assistant", "sales representative", "project manager",
        "web developer", "nurse", "warehouse team leader", "receptionist", "graphic designer", "job seeker"]
EMPLOYERS = ["Boulangerie Rhône SARL", "Clinique des Brotteaux", "Transports Vallon", "Studio Presqu'île",
             "Mairie de Villeurbanne", "Logistique Saône SAS", None, None]
COURSES = [("Office automation", 6), ("Management essentials", 8), ("Digital marketing", 10),
           ("Accounting basics", 12), ("Web development", 12)]
NEEDS = ["extra time in assessments", "step-free access to the training room", "screen-reader friendly material",
         "sessions split into shorter blocks"]
QUOTES = ["The course gave me the confidence to ask for a new role.",
          "Clear, practical and the trainer took time for every question.",
          "I use what I learned every single day at work.",
          "The alumni mentoring made all the difference after the course."]

COHORTS = [dt.date(2023, 1, 16), dt.date(2023, 4, 3), dt.date(2023, 9, 11), dt.date(2024, 1, 15),
           dt.date(2024, 4, 8), dt.date(2024, 9, 9), dt.date(2025, 1, 13), dt.date(2025, 4, 7),
           dt.date(2025, 9, 8)]
RUNNING = dt.date(2026, 10, 5)  # a cohort still in training on TODAY
PER_COHORT = 22


def iso(day):
    return day.isoformat()


def at(day, hour):
    """An RFC 3339 time on `day` at `hour`, Paris time (winter or summer offset)."""
    summer = dt.date(day.year, 3, 25) <= day <= dt.date(day.year, 10, 25)
    return f"{day.isoformat()}T{hour:02d}:00:00{'+02:00' if summer else '+01:00'}"


def before_today(day):
    return min(day, TODAY)


def learner(rng, key, number, start, running, minor_birth=None):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first} {last}"
    email = f"{first.lower()}.{last.lower()}.{number}@mail.example".replace("é", "e").replace("è", "e") \
        .replace("ï", "i").replace("ç", "c").replace("ë", "e").replace("É", "e").replace("ô", "o")
    phone = f"+33 6 00 {number // 100:02d} {number % 100:02d} {rng.randint(10, 99)}"
    course, weeks = rng.choice(COURSES)
    end = start + dt.timedelta(weeks=weeks)
    birth = minor_birth or dt.date(rng.randint(1971, 2006), rng.randint(1, 12), rng.randint(1, 28))
    employer = rng.choice(EMPLOYERS)
    job = rng.choice(JOBS)
    cpf = rng.random() < 0.35
    subject = {
        "key": key,
        "identifiers": {"email": email, "phone": phone, "crm": f"C-{1000 + number}"},
        "birth_date": iso(birth),
        "cpf_funded": cpf,
        "legal_hold": False,
        "engagements": [],
        "holdings": [],
    }
    engagements, holdings = subject["engagements"], subject["holdings"]

    def engage(activity, started, ended=None, last_contact=None):
        e = {"activity": activity, "started": iso(started)}
        if ended:
            e["ended"] = iso(ended)
        if last_contact:
            e["last_contact"] = iso(last_contact)
        engagements.append(e)

    def hold(activity, data, system, collected, value=None, ref=None):
        h = {"activity": activity, "data": data, "system": system, "collected": collected}
        if ref:
            h["ref"] = ref
        else:
            h["value"] = value
        holdings.append(h)

    enrolled = start - dt.timedelta(days=rng.randint(10, 40))
    # Training delivery: a contract, from enrolment to the end of the course.
    last_contact = None if running else before_today(end + dt.timedelta(days=rng.randint(0, 200)))
    engage("training-delivery", start, None if running else end, last_contact)
    hold("training-delivery", "identity", "crm", iso(enrolled), value=name)
    hold("training-delivery", "contact", "crm", iso(enrolled), value=email)
    hold("training-delivery", "contact", "crm", iso(enrolled), value=phone)
    hold("training-delivery", "professional", "crm", iso(enrolled),
         value=f"{job}, {employer}" if employer else job)
    hold("training-delivery", "attendance", "esign", at(start, 17), ref=f"esign:envelopes/{key}-attendance")
    if not running:
        hold("training-delivery", "assessment", "lms", at(end, 16), ref=f"lms:users/{number}/grades")

    # Funding: CPF file, or an employer's OPCO agreement.
    engage("funding-management", enrolled, None if running else end)
    funding = f"CPF file {rng.randint(10**9, 10**10 - 1)}" if cpf else f"OPCO agreement {start.year}-{number:04d}"
    hold("funding-management", "identity", "accounting", iso(enrolled), value=name)
    hold("funding-management", "funding", "accounting", iso(enrolled), value=f"{funding}, {course}")

    # Qualiopi feedback: a survey at the end, another three months later.
    if not running:
        engage("quality-feedback", end, end)
        hold("quality-feedback", "feedback", "lms", at(end, 18), ref=f"lms:surveys/{number}/end-of-course")
        cold = end + dt.timedelta(days=90)
        if cold <= TODAY:
            hold("quality-feedback", "feedback", "lms", at(cold, 10), ref=f"lms:surveys/{number}/three-months")

    # Disability accommodation, disclosed by a few learners.
    if rng.random() < 0.06:
        engage("disability-accommodation", enrolled, None if running else end)
        hold("disability-accommodation", "identity", "disability-file", iso(enrolled), value=name)
        hold("disability-accommodation", "disability", "disability-file", iso(enrolled), value=rng.choice(NEEDS))

    if not running:
        # Alumni community, opt-in after the course.
        if rng.random() < 0.4:
            joined = before_today(end + dt.timedelta(days=rng.randint(3, 60)))
            engage("alumni-community", joined, None, before_today(joined + dt.timedelta(days=rng.randint(0, 400))))
            hold("alumni-community", "identity", "community", iso(joined), ref=f"circlo:members/{number}")
            hold("alumni-community", "contact", "community", iso(joined), value=email)
            hold("alumni-community", "professional", "community", iso(joined), value=job)
            hold("alumni-community", "community", "community", iso(joined), ref=f"circlo:members/{number}/posts")
        # Testimonials, a few.
        if rng.random() < 0.08:
            given = before_today(end + dt.timedelta(days=rng.randint(20, 120)))
            engage("testimonials", given)
            hold("testimonials", "identity", "website", iso(given), value=name)
            hold("testimonials", "professional", "website", iso(given), value=job)
            hold("testimonials", "testimonial", "website", iso(given), value=rng.choice(QUOTES))
            hold("testimonials", "photo", "website", iso(given), ref=f"cms:media/portrait-{number}.jpg")
        # Referral programme, fewer still.
        if rng.random() < 0.05:
            referred = before_today(end + dt.timedelta(days=rng.randint(30, 300)))
            engage("referral-programme", referred)
            hold("referral-programme", "identity", "crm", iso(referred), value=name)
            hold("referral-programme", "referral", "crm", iso(referred), value="referred a colleague")
    # Newsletter, opt-in at enrolment for about half.
    if rng.random() < 0.45:
        engage("newsletter", enrolled, None, before_today(enrolled + dt.timedelta(days=rng.randint(0, 900))))
        hold("newsletter", "contact", "mailer", iso(enrolled), value=email)
    return subject


def prospect(rng, number):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"prospect.{number}@mail.example"
    opted = dt.date(2022, 6, 1) + dt.timedelta(days=rng.randint(0, 1400))
    opted = before_today(opted)
    return {
        "key": f"P-{number:04d}",
        "identifiers": {"email": email},
        "engagements": [{"activity": "newsletter", "started": iso(opted),
                         "last_contact": iso(before_today(opted + dt.timedelta(days=rng.randint(0, 500))))}],
        "holdings": [{"activity": "newsletter", "data": "contact", "system": "mailer", "collected": iso(opted),
                      "value": email}],
    }


HERE = pathlib.Path(__file__).resolve().parent


def notice(name):
    """(version, sha256) of a notice text in notices/."""
    data = (HERE / "notices" / f"{name}.txt").read_bytes()
    return name, hashlib.sha256(data).hexdigest()


def age(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def consents(subjects):
    """The consent events the engagements imply, in the order they happened."""
    rng = random.Random(SEED + 1)
    events = []
    phone_gap_left = True

    def event(s, purpose, action, day, hour, channel, evidence, recorded_by, notice_name=None, scope=None):
        e = {"subject": s["key"], "purpose": purpose, "action": action, "at": at(day, hour)}
        if channel:
            e["channel"] = channel
        if notice_name:
            version, digest = notice(notice_name)
            e["notice"] = {"version": version, "sha256": digest}
        if evidence:
            e["evidence"] = evidence
        e["recorded_by"] = recorded_by
        if scope:
            e["scope"] = scope
        events.append(e)

    for s in subjects:
        key = s["key"]
        engaged = {e["activity"]: e for e in s["engagements"]}
        birth = dt.date.fromisoformat(s["birth_date"]) if "birth_date" in s else None
        if "newsletter" in engaged:
            if key in ("P-0014", "P-0015"):
                continue  # imported from an old list without any consent: a gap the audit finds
            e = engaged["newsletter"]
            day = dt.date.fromisoformat(e["started"])
            scope = None
            if birth and age(birth, day) < 15:
                scope = {"parental": {"name": "Sandrine Perrin", "evidence": f"paper:parental-consent/{key}"}}
            name = "newsletter-v1" if day < dt.date(2024, 6, 1) else "newsletter-v2"
            event(s, "newsletter", "given", day, 10, "web-form", f"form:newsletter/{key}", "website", name, scope)
            if rng.random() < 0.15 and "last_contact" in e:
                left = dt.date.fromisoformat(e["last_contact"]) + dt.timedelta(days=1)
                if left <= TODAY:
                    event(s, "newsletter", "withdrawn", left, 9, "email", f"mailer:unsubscribe/{key}", "mailer")
        elif key.startswith("L-") and rng.random() < 0.2:
            day = dt.date.fromisoformat(engaged["training-delivery"]["started"]) - dt.timedelta(days=12)
            event(s, "newsletter", "refused", day, 11, "paper", f"paper:enrolment-form/{key}", "front-desk",
                  "newsletter-v1" if day < dt.date(2024, 6, 1) else "newsletter-v2")
        if "alumni-community" in engaged:
            e = engaged["alumni-community"]
            day = dt.date.fromisoformat(e["started"])
            if phone_gap_left:
                phone_gap_left = False  # taken by phone, nothing kept: a gap the audit finds
                event(s, "alumni-community", "given", day, 15, "phone", None, "community-manager",
                      "alumni-community-v1")
            else:
                event(s, "alumni-community", "given", day, 15, "web-form", f"form:community/{key}", "circlo",
                      "alumni-community-v1")
            if rng.random() < 0.1 and "last_contact" in e:
                left = dt.date.fromisoformat(e["last_contact"]) + dt.timedelta(days=2)
                if left <= TODAY:
                    event(s, "alumni-community", "withdrawn", left, 18, "web-form", f"circlo:leave/{key}", "circlo")
        if "testimonials" in engaged:
            day = dt.date.fromisoformat(engaged["testimonials"]["started"])
            event(s, "testimonials", "given", day, 14, "paper", f"paper:testimonial/{key}", "marketing-team",
                  "testimonial-v1", {"formats": ["quote", "photo"], "channels": ["website", "linkedin"],
                                     "duration": "P2Y"})
        if "referral-programme" in engaged:
            day = dt.date.fromisoformat(engaged["referral-programme"]["started"])
            event(s, "referral", "given", day, 12, "web-form", f"form:referral/{key}", "website", "referral-v1")
    events.sort(key=lambda e: (e["at"], e["subject"], e["purpose"]))
    return events


# Learners whose record holds what a letter is addressed with: the name the
# CRM holds, a postal address a line each and, for some, the form of address
# they gave ("madam" or "sir"; never guessed from a first name). Added after
# everything is drawn, so that the rest of the example is the same.
ADDRESSED = {
    "L-2023-001": (["12 rue des Capucins", "69001 Lyon"], "madam"),
    "L-2023-002": (["Appartement 4", "8 quai Saint-Vincent", "69001 Lyon"], None),
    "L-2025-138": (["27 avenue Jean Jaurès", "69007 Lyon"], "madam"),
}


def addressed(s):
    """`s` with its name, postal address and form of address, after its identifiers."""
    lines, civility = ADDRESSED[s["key"]]
    name = next(h["value"] for h in s["holdings"] if h["data"] == "identity" and h["system"] == "crm")
    out = {}
    for k, v in s.items():
        out[k] = v
        if k == "identifiers":
            out["name"] = name
            out["postal_address"] = lines
            if civility:
                out["civility"] = civility
    return out


def write(path, records):
    with open(HERE / path, "w") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n")


def main():
    rng = random.Random(SEED)
    subjects = []
    number = 0
    for start in COHORTS:
        for i in range(PER_COHORT):
            number += 1
            subjects.append(learner(rng, f"L-{start.year}-{number:03d}", number, start, False))
    # The running cohort includes two minors on a pre-apprenticeship course.
    minors = {3: dt.date(2012, 3, 14), 7: dt.date(2011, 6, 20)}
    for i in range(10):
        number += 1
        s = learner(rng, f"L-2026-{number:03d}", number, RUNNING, True, minors.get(i))
        subjects.append(s)
        # Both minors subscribe to the newsletter: one is 14 and needs a parent's co-signature.
        if i in minors and not any(e["activity"] == "newsletter" for e in s["engagements"]):
            enrolled = next(e["started"] for e in s["engagements"] if e["activity"] == "funding-management")
            email = s["identifiers"]["email"]
            s["engagements"].append({"activity": "newsletter", "started": enrolled, "last_contact": enrolled})
            s["holdings"].append({"activity": "newsletter", "data": "contact", "system": "mailer",
                                  "collected": enrolled, "value": email})
    # Two learners in a funding dispute: their data is under legal hold.
    for s in (subjects[5], subjects[40]):
        s["legal_hold"] = True
    for n in range(1, 16):
        subjects.append(prospect(rng, n))
    write("subjects.jsonl", [addressed(s) if s["key"] in ADDRESSED else s for s in subjects])
    write("consents.jsonl", consents(subjects))


if __name__ == "__main__":
    main()
