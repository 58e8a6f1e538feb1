#!/usr/bin/env python3
"""Compares the numeric results of two `czsl reproduce` report.json files: every value except timings (keys ending in
_seconds) must be equal, to the last digit. Prints the first differences; exit 0 when equal, 1 otherwise."""
import json
import sys


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if not k.endswith("_seconds")}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def differences(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                yield f"{path}/{key}: only in {'second' if key not in a else 'first'}"
            else:
                yield from differences(a[key], b[key], f"{path}/{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {a!r} != {b!r}"


def main():
    if len(sys.argv) != 3:
        print("usage: compare-reports.py FIRST/report.json SECOND/report.json", file=sys.stderr)
        return 2
    first, second = (strip(json.load(open(p, encoding="utf-8"))) for p in sys.argv[1:])
    found = list(differences(first, second))
    for line in found[:20]:
        print(line)
    if found:
        print(f"{len(found)} values differ between {sys.argv[1]} and {sys.argv[2]}")
        return 1
    methods = sum(len(s["methods"]) for s in first["scenarios"].values())
    print(f"equal: {methods} methods, every metric of every fold and execution (timings aside)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
