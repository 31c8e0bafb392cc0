#!/usr/bin/env python3
"""Checks a consent receipt as linked data: a JSON-LD processor (PyLD) expands
it with its inline @context and nothing else (no document is fetched); every
key becomes an absolute IRI, none is dropped, and the record says in W3C DPV
terms what ISO/IEC TS 27560 requires. Usage: check_receipt_jsonld.py RECEIPT"""

import json
import sys

from pyld import jsonld

DPV = "https://w3id.org/dpv#"
DCT = "http://purl.org/dc/terms/"
GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
LOC = "https://w3id.org/dpv/loc#"


def no_fetching(url, options=None):
    raise RuntimeError(f"the receipt asked to fetch {url}: its context must be inline")


def statements(node):
    """How many RDF statements the compact document makes: one per value of
    each key, one per @type, and those of nested nodes. A key the context does
    not map would be dropped by expansion, and the counts would differ."""
    if isinstance(node, list):
        return sum(statements(n) for n in node)
    if not isinstance(node, dict):
        return 0
    count = 0
    for key, value in node.items():
        if key in ("@context", "@id"):
            continue
        values = value if isinstance(value, list) else [value]
        count += len(values)
        count += sum(statements(v) for v in values)
    return count


def keys(node, out):
    if isinstance(node, list):
        for n in node:
            keys(n, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "@context":
                out.add(key)
                keys(value, out)
    return out


def values(expanded, prop):
    """Every value of `prop` anywhere in the expanded document."""
    found = []
    if isinstance(expanded, list):
        for n in expanded:
            found += values(n, prop)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key == prop:
                found += value if isinstance(value, list) else [value]
            found += values(value, prop)
    return found


def ids(expanded, prop):
    return {v.get("@id") for v in values(expanded, prop) if isinstance(v, dict)}


def literals(expanded, prop):
    return {v.get("@value") for v in values(expanded, prop) if isinstance(v, dict)}


def main():
    receipt = json.load(open(sys.argv[1]))
    problems = []
    context = receipt["@context"]
    # Every key is a keyword or a term of the context.
    for key in sorted(keys(receipt, set())):
        if not key.startswith("@") and key not in context:
            problems.append(f"key '{key}' has no term in the @context")

    options = {"documentLoader": no_fetching}
    expanded = jsonld.expand(receipt, options)
    for key in keys(expanded, set()):
        if not key.startswith("@") and "://" not in key and not key.startswith("urn:"):
            problems.append(f"expanded key '{key}' is not an absolute IRI")
    quads = jsonld.to_rdf(receipt, {"documentLoader": no_fetching, "format": "application/n-quads"})
    made, written = len([q for q in quads.splitlines() if q.strip()]), statements(receipt)
    if made != written:
        problems.append(f"the processor made {made} statements of the {written} the receipt writes: keys were dropped")

    record = expanded[0]
    if record.get("@type") != [DPV + "ConsentRecord"]:
        problems.append(f"the record's type is {record.get('@type')}, not dpv:ConsentRecord")
    expected_ids = {
        DPV + "hasJurisdiction": LOC + "FR",
        DPV + "hasApplicableLaw": GDPR + "GDPR",
        DPV + "hasLegalBasis": GDPR + "A6-1-a",
        DPV + "hasConsentStatus": DPV + "ConsentGiven",
        DPV + "hasRight": GDPR + "A7-3",
        DPV + "hasLocation": LOC + "IE",
    }
    for prop, iri in expected_ids.items():
        if iri not in ids(expanded, prop):
            problems.append(f"no <{prop}> <{iri}>")
    consent_types = ids(expanded, DPV + "hasLegalBasis") & {DPV + "ExpressedConsent", DPV + "ExplicitlyExpressedConsent"}
    if not consent_types:
        problems.append("no consent type (dpv:ExpressedConsent or dpv:ExplicitlyExpressedConsent) among the legal bases")
    for prop in ("hasDataSubject", "hasDataController", "hasDataProtectionOfficer", "hasPurpose", "hasPersonalData",
                 "hasStorageCondition", "hasNotice", "isIndicatedAtTime", "hasDuration", "hasContact",
                 "hasOrganisationalMeasure"):
        if not values(expanded, DPV + prop):
            problems.append(f"no dpv:{prop}")
    types = {t for n in values(expanded, DPV + "hasStorageCondition") for t in n.get("@type", [])}
    for t in ("StorageLocation", "StorageDuration"):
        if DPV + t not in types:
            problems.append(f"no storage condition of type dpv:{t}")
    if literals(expanded, DCT + "language") != {receipt["language"]}:
        problems.append("dct:language is not the receipt's language")
    identifier = {v.get("@value") for v in record.get(DCT + "identifier", [])}
    subject_key = {v.get("@value") for s in record.get(DPV + "hasDataSubject", []) for v in s.get(DCT + "identifier", [])}
    if not identifier or identifier & subject_key:
        problems.append("the record's identifier is missing or is the subject's key")

    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{sys.argv[1]}: {made} statements, every key an IRI")


if __name__ == "__main__":
    main()
