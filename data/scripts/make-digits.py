#!/usr/bin/env python3
"""Copy the UCI optical digits (8x8) shipped in data/digits/.

Source: Debian package `python3-sklearn`,
/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz — the test part of the UCI
"Optical Recognition of Handwritten Digits" set (Alpaydin & Kaynak, CC BY 4.0), 1,797 rows.
Format: no header; 64 pixel counts 0..16 (row-major 8x8), then the digit label 0..9.

No sampling and no seed: the file is copied byte for byte after checking its shape, so the
checksum in data/digits/README.md matches the Debian file.

Usage: python3 data/scripts/make-digits.py [SOURCE_FILE] [OUT_DIR]
"""
import gzip
import os
import shutil
import sys

SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "digits")


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    out_dir = sys.argv[2] if len(sys.argv) > 2 else OUT_DIR
    with gzip.open(source, "rt") as f:
        rows = [line.rstrip("\n").split(",") for line in f if line.strip()]
    assert len(rows) == 1797, f"expected 1797 rows, found {len(rows)}"
    assert all(len(r) == 65 for r in rows), "expected 65 columns (64 pixels + label)"
    assert all(0 <= int(v) <= 16 for r in rows for v in r[:64]), "pixel counts must be 0..16"
    assert sorted({int(r[64]) for r in rows}) == list(range(10)), "labels must be 0..9"
    os.makedirs(out_dir, exist_ok=True)
    shutil.copyfile(source, os.path.join(out_dir, "digits.csv.gz"))
    print(f"digits: {len(rows)} rows copied")


if __name__ == "__main__":
    main()
