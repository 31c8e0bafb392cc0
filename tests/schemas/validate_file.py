#!/usr/bin/env python3
"""Validates one JSON file against one JSON Schema. Usage: validate_file.py SCHEMA FILE"""

import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.load(open(sys.argv[2]))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    for e in errors:
        print(f"{sys.argv[2]}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    print(f"{sys.argv[2]}: {len(errors)} problems against {sys.argv[1]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
