#!/usr/bin/env python3
"""Projects the wall time of a `czsl reproduce` plan on N nodes from the per-unit times a small measured plan wrote.

Reads every finished unit (PLAN/units/*/unit.json) of a measured plan: its wall seconds and, per training stage, the
image-epochs it processed and their seconds (hence images/s). A unit of the target protocol takes
    overhead (measured: wall time not spent in training epochs) + sum over stages of image-epochs / measured images/s
with image-epochs scaled by (target epochs / measured epochs) x (target images / measured images). The plan runs as
two arrays (every autoencoder, then every run, as deploy/slurm/submit.sh submits them), so on N nodes with S unit
slots each: ceil(A / (N S)) x autoencoder unit + ceil(R / (N S)) x run unit.

Usage: project.py PLAN_DIR [--target-images-ratio R] [--target-epochs 100] [--autoencoders 10] [--runs 250]
                  [--slots 1] [--nodes 1 5 10 25 50 125 250]
"""
import argparse
import glob
import json
import math
import os
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("plan")
    p.add_argument("--target-epochs", type=float, default=100)
    p.add_argument("--target-images-ratio", type=float, default=1.0,
                   help="target images per training set / measured images per training set (e.g. 32716/351 for the full tables)")
    p.add_argument("--autoencoders", type=int, default=10, help="autoencoder units of the target plan (full protocol: 2 tables x 5 folds)")
    p.add_argument("--runs", type=int, default=250, help="run units of the target plan (full: 5 variants x 5 folds x 10 executions)")
    p.add_argument("--slots", type=int, default=1, help="units running at once per node")
    p.add_argument("--nodes", type=int, nargs="+", default=[1, 5, 10, 25, 50, 125, 250])
    a = p.parse_args()

    plan = json.load(open(os.path.join(a.plan, "plan.json"), encoding="utf-8"))
    args = plan["Arguments"]
    scale = float(args[args.index("--epochs-scale") + 1]) if "--epochs-scale" in args else 1.0
    measured_epochs = max(1, round(100 * scale))
    factor = a.target_epochs / measured_epochs * a.target_images_ratio

    kinds = {"autoencoder": [], "run": []}
    for path in sorted(glob.glob(os.path.join(a.plan, "units", "*", "unit.json"))):
        unit = json.load(open(path, encoding="utf-8"))
        kind = "autoencoder" if unit["Unit"].startswith("autoencoder-") else "run"
        trained = sum(m["Seconds"] for m in unit["Measurements"])
        projected = unit["Seconds"] - trained + sum(m["Seconds"] * factor for m in unit["Measurements"])
        rates = ", ".join(f'{m["Stage"]} {m["ImageEpochs"] / m["Seconds"]:.0f} img/s' for m in unit["Measurements"] if m["Seconds"] > 0)
        print(f'{unit["Unit"]}: measured {unit["Seconds"]:.1f} s ({trained:.1f} s in {measured_epochs}-epoch trainings; {rates}) '
              f'-> projected {projected / 3600:.2f} h')
        kinds[kind].append(projected)
    if not kinds["autoencoder"] or not kinds["run"]:
        print("the measured plan needs at least one finished autoencoder and one finished run unit", file=sys.stderr)
        return 1
    ae = sum(kinds["autoencoder"]) / len(kinds["autoencoder"])
    run = sum(kinds["run"]) / len(kinds["run"])
    total = a.autoencoders * ae + a.runs * run
    print(f"\nper unit (mean): autoencoder {ae / 3600:.2f} h, run {run / 3600:.2f} h; "
          f"{a.autoencoders} + {a.runs} units = {total / 3600:.1f} h of unit time")
    print(f"| nodes x {a.slots} slot(s) | autoencoder waves | run waves | wall time |")
    print("|---:|---:|---:|---:|")
    for n in a.nodes:
        slots = n * a.slots
        wa, wr = math.ceil(a.autoencoders / slots), math.ceil(a.runs / slots)
        wall = wa * ae + wr * run
        print(f"| {n} | {wa} | {wr} | {wall / 3600:.1f} h |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
