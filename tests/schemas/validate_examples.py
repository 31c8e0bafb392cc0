#!/usr/bin/env python3
"""Validates every example file against its JSON Schema, and checks that the
schemas refuse what the parser refuses. Usage: validate_examples.py SOURCE_DIR"""

import json
import pathlib
import sys

import jsonschema
import yaml


class DatesAsText(yaml.SafeLoader):
    """YAML as dpokit reads it: 2026-09-30 stays text, not a date object."""


DatesAsText.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator(root, name):
    schema = json.loads((root / "schemas" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def documents(path):
    """(where, document) pairs: one for YAML and JSON, one per line for JSON Lines."""
    if path.suffix in (".yaml", ".yml"):
        yield str(path), yaml.load(path.read_text(), Loader=DatesAsText)
    elif path.suffix == ".jsonl":
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip():
                yield f"{path}:{n}", json.loads(line)
    else:
        yield str(path), json.loads(path.read_text())


def main():
    root = pathlib.Path(sys.argv[1])
    # Which schema each kind of file follows.
    rules = [
        ("examples/**/register.yaml", "register.schema.json"),
        ("examples/**/subjects*.jsonl", "subjects.schema.json"),
        ("examples/**/consents*.jsonl", "consents.schema.json"),
        ("data/countries.json", "countries.schema.json"),
        ("examples/**/incidents/*.yaml", "incident.schema.json"),
        ("examples/**/mappings/*.yaml", "mapping.schema.json"),
    ]
    failures = 0
    checked = 0
    for pattern, schema_name in rules:
        v = validator(root, schema_name)
        paths = sorted(root.glob(pattern))
        if not paths:
            print(f"no file matches {pattern}")
            failures += 1
        for path in paths:
            for where, doc in documents(path):
                checked += 1
                for error in v.iter_errors(doc):
                    failures += 1
                    print(f"{where}: {'/'.join(map(str, error.absolute_path))}: {error.message}")

    # The schemas must refuse what dpokit refuses, or they check nothing.
    register = validator(root, "register.schema.json")
    good = yaml.load((root / "examples/training-org/register.yaml").read_text(), Loader=DatesAsText)
    bad_cases = {
        "unknown key": lambda r: r["activities"][0].__setitem__("legal_bsis", "contract"),
        "bad duration": lambda r: r["activities"][0]["retention"][0].__setitem__("keep", "5Y"),
        "bad legal basis": lambda r: r["activities"][0].__setitem__("legal_basis", "contrat"),
        "bad country": lambda r: r["processors"][0].__setitem__("country", "fr"),
        "single value for a list": lambda r: r["activities"][0].__setitem__("purposes", "training"),
        "an interest on a contract": lambda r: r["activities"][0].__setitem__(
            "legal_basis", {"basis": "contract", "interest": "keeping in touch"}),
        "a balancing test in a list on consent": lambda r: r["activities"][0].__setitem__(
            "legal_basis", [{"basis": "consent", "purposes": ["training"], "balancing": "LIA 2026-01"}]),
        "purposes in the single mapping": lambda r: r["activities"][0].__setitem__(
            "legal_basis", {"basis": "legitimate-interests", "purposes": ["training"]}),
    }
    for name, spoil in bad_cases.items():
        doc = json.loads(json.dumps(good))
        spoil(doc)
        if register.is_valid(doc):
            print(f"register.schema.json accepts a register with {name}")
            failures += 1
    subjects = validator(root, "subjects.schema.json")
    for name, doc in {
        "both value and ref": {"key": "k", "holdings": [{"activity": "a", "data": "d", "system": "s",
                                                          "collected": "2026-01-01", "value": "v", "ref": "r"}]},
        "time without offset": {"key": "k", "engagements": [{"activity": "a", "started": "2026-01-01T10:00:00"}]},
        "no key": {"identifiers": {"email": "a@b.c"}},
    }.items():
        if subjects.is_valid(doc):
            print(f"subjects.schema.json accepts a line with {name}")
            failures += 1
    incident = validator(root, "incident.schema.json")
    good = yaml.load((root / "examples/training-org/incidents/laptop-theft.yaml").read_text(), Loader=DatesAsText)
    for name, spoil in {
        "an unknown nature": lambda i: i.__setitem__("nature", ["confidentialty"]),
        "notified_at set in the file": lambda i: i.__setitem__("notified_at", "2026-06-01"),
        "an aware_at without offset": lambda i: i.__setitem__("aware_at", "2026-05-29T16:00:00"),
        "a negative estimate": lambda i: i.__setitem__("subjects", {"estimate": -1}),
    }.items():
        doc = json.loads(json.dumps(good))
        spoil(doc)
        if incident.is_valid(doc):
            print(f"incident.schema.json accepts an incident with {name}")
            failures += 1
    consents = validator(root, "consents.schema.json")
    for name, doc in {
        "a given consent without notice hash": {"subject": "s", "purpose": "p", "action": "given", "at": "2026-01-01"},
        "an unknown action": {"subject": "s", "purpose": "p", "action": "accepted", "at": "2026-01-01"},
        "a parent without evidence": {"subject": "s", "purpose": "p", "action": "withdrawn", "at": "2026-01-01",
                                      "scope": {"parental": {"name": "n"}}},
    }.items():
        if consents.is_valid(doc):
            print(f"consents.schema.json accepts a line with {name}")
            failures += 1

    print(f"{checked} documents checked, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
