#!/usr/bin/env python3
"""Checks a rating server's exchange log against the OpenAPI document.

usage: check_exchanges.py OPENAPI.json EXCHANGES.jsonl

Each line of the log (written by `provsim serve rating --exchange-log`)
holds one operation, its request and its answer. The request must fit the
operation's requestBody schema and the answer its response schema for the
status, with the document's components resolving every $ref. Prints each
misfit and exits 1 if there is one.
"""
import json
import sys

import jsonschema


def schema_for(doc, ref):
    # The document's components travel along so "#/components/..." resolves.
    return {"$ref": ref, "components": doc["components"]}


def main():
    doc = json.load(open(sys.argv[1]))
    problems = 0
    checked = 0
    validators = {}  # by $ref: building one per message is most of the time
    for number, line in enumerate(open(sys.argv[2]), 1):
        x = json.loads(line)
        op = doc["paths"]["/" + x["operation"]]["post"]
        parts = [("request", op["requestBody"]["content"]["application/json"]["schema"]["$ref"], x["request"]),
                 ("answer", op["responses"][str(x["status"])]["content"]["application/json"]["schema"]["$ref"],
                  x["answer"])]
        for what, ref, value in parts:
            if ref not in validators:
                validators[ref] = jsonschema.Draft202012Validator(schema_for(doc, ref))
            validator = validators[ref]
            for error in validator.iter_errors(value):
                problems += 1
                print(f"line {number}: {x['operation']} {what}: {error.message} at {list(error.absolute_path)}")
            checked += 1
    if checked == 0:
        print("no exchanges to check")
        return 1
    print(f"{checked} messages checked, {problems} misfits")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
