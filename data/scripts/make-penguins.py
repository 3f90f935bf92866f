#!/usr/bin/env python3
"""Copy the Palmer penguins table shipped in data/penguins/.

Source: Debian package `r-cran-palmerpenguins` 0.1.1,
/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv (Horst, Hill & Gorman; CC0),
344 rows. Copied byte for byte after checking the header and row count: rows with missing
values ("NA") are kept in the file and dropped by Graft's loader, so the file stays the
published one and the drop is visible in code (main/data/builtin.ts).

Usage: python3 data/scripts/make-penguins.py [SOURCE_FILE] [OUT_DIR]
"""
import csv
import os
import shutil
import sys

SOURCE = "/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "penguins")
HEADER = ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
          "body_mass_g", "sex", "year"]


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    out_dir = sys.argv[2] if len(sys.argv) > 2 else OUT_DIR
    with open(source, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == HEADER, f"unexpected header {rows[0]}"
    assert len(rows) - 1 == 344, f"expected 344 rows, found {len(rows) - 1}"
    complete = sum(1 for r in rows[1:] if "NA" not in r)
    os.makedirs(out_dir, exist_ok=True)
    shutil.copyfile(source, os.path.join(out_dir, "penguins.csv"))
    print(f"penguins: {len(rows) - 1} rows copied, {complete} without missing values")


if __name__ == "__main__":
    main()
