#!/usr/bin/env python3
"""Writes a tiny copy of the CzSL paper's tables (both tables, 5 folds, ROWS rows per fold, the published column
layouts, SHA256SUMS) and 64x64 PNG images for every 4th galaxy into OUT/tables and OUT/images: enough for
`czsl reproduce` to train and score every method in seconds. The same layout as the C# test fixture
(tests/CzSL.Cli.Tests/Reproduce/ReproduceFixture.cs). Usage: make-fixture.py OUT [ROWS]"""
import hashlib
import math
import os
import random
import struct
import sys
import zlib

ESRL = ["OBJID", "NVOTE", "N_EL", "N_CS", "N_CW", "N_ACW", "N_EDGE", "N_DK", "N_MG", "EL", "CS", "CW", "ACW", "EDGE", "DK", "MG",
        "EL_DEB", "CS_DEB", "EL_DEB[123]", "CS_DEB[123]", "AMATEUR", "EXPERT", "AMATEUR_MAJOR", "HAND"]
MG = ["OBJID", "NVOTE", "N_EL", "N_CS", "N_CW", "N_ACW", "N_EDGE", "N_DK", "N_MG", "EL", "CS", "CW", "ACW", "EDGE", "DK", "MG",
      "EL_DEB", "CS_DEB", "AMATEUR", "ES_EXPERT", "MG_EXPERT", "MG_AMATEUR"]


def png(path, rgb, size):
    raw = b"".join(b"\x00" + bytes(rgb[y * size * 3:(y + 1) * size * 3]) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def image(path, cls, merger, seed, size=64):
    rng = random.Random(seed)
    rgb = [0] * (size * size * 3)
    for y in range(size):
        for x in range(size):
            dx, dy = x - 32, y - 32
            r2 = {0: dx * dx + dy * dy,
                  1: (dx + dy) ** 2 / 4 + (dx - dy) ** 2 * 2}.get(cls, (dx - dy) ** 2 / 4 + (dx + dy) ** 2 * 2)
            v = 220 * math.exp(-r2 / 60)
            if merger:
                v += 180 * math.exp(-((dx - 14) ** 2 + (dy - 10) ** 2) / 30)
            b = max(0, min(255, int(v + rng.randrange(20))))
            o = (y * size + x) * 3
            rgb[o], rgb[o + 1], rgb[o + 2] = b, int(b * (0.9 if cls == 0 else 0.7)), min(255, int(b * (0.6 if cls == 0 else 1.0)))
    png(path, rgb, size)


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    tables, images = os.path.join(out, "tables"), os.path.join(out, "images")
    os.makedirs(tables, exist_ok=True)
    os.makedirs(images, exist_ok=True)
    names = []
    for kind, columns in (("ESRL", ESRL), ("MG", MG)):
        for k in range(1, 6):
            lines = [",".join(columns)]
            for i in range(rows):
                oid = f"58{k}{i:04d}"
                cls, merger = i % 3, i % 5 == 0
                el, cw, acw, edge, dk, mg = {0: (20, 2, 1, 2, 1, 16 if merger else 0),
                                             1: (3, 15, 2, 3, 1, 16 if merger else 1)}.get(cls, (2, 2, 16, 3, 0, 16 if merger else 1))
                cs = cw + acw + edge
                n = el + cs + dk + mg
                f = lambda c: f"{c / n:.3f}"
                votes = f"{n},{el},{cs},{cw},{acw},{edge},{dk},{mg},{f(el)},{f(cs)},{f(cw)},{f(acw)},{f(edge)},{f(dk)},{f(mg)},{f(el)},{f(cs)}"
                spiral = cs > el
                if kind == "ESRL":
                    hand = {0: "0", 1: "1"}.get(cls, "-1")
                    lines.append(f"{oid},{votes},0.500,0.500,{'S' if spiral else 'E'},{'M' if cls == 0 else 'L'},{1 if spiral else 0},{hand}")
                else:
                    lines.append(f"{oid},{votes},U,{'M' if cls == 0 else 'L'},{1 if merger else 0},{1 if 2 * mg >= n else 0}")
                    if i % 4 == 0:
                        image(os.path.join(images, oid + ".png"), cls, merger, k * 100 + i)
            name = f"GZ1_Expert-{kind}_test_{k}.csv"
            with open(os.path.join(tables, name), "w", encoding="utf-8", newline="") as fh:
                fh.write("\n".join(lines) + "\n")
            names.append(name)
    with open(os.path.join(tables, "SHA256SUMS"), "w", encoding="utf-8") as fh:
        for name in names:
            with open(os.path.join(tables, name), "rb") as data:
                fh.write(f"{hashlib.sha256(data.read()).hexdigest()}  {name}\n")
    print(f"{len(names)} tables ({rows} rows each) in {tables}; {len(os.listdir(images))} images in {images}")


if __name__ == "__main__":
    main()
