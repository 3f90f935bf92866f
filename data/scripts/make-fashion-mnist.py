#!/usr/bin/env python3
"""Make the Fashion-MNIST subset shipped in data/fashion-mnist/.

Source: Debian package `dataset-fashion-mnist` (Zalando Research, MIT), files in
/usr/share/datasets/fashion-mnist/. Output: the same IDX format, gzipped, so Graft's IDX
loader reads the shipped subset exactly as it would read the full download.

Selection: for each class 0..9, TRAIN_PER_CLASS images drawn uniformly without replacement
from the official train set and TEST_PER_CLASS from the official test set, with
random.Random(SEED). Chosen rows are kept in their original file order (which is already
class-mixed), so nothing about the order depends on this script.

Reproducible: standard library only; gzip headers carry mtime=0 and no file name, so the
output bytes are identical on every run (check with `sha256sum data/fashion-mnist/*.gz`).

Usage: python3 data/scripts/make-fashion-mnist.py [SOURCE_DIR] [OUT_DIR]
"""
import gzip
import os
import random
import struct
import sys

SEED = 20240607
TRAIN_PER_CLASS = 1000
TEST_PER_CLASS = 200
SOURCE_DIR = "/usr/share/datasets/fashion-mnist"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fashion-mnist")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, f"{path}: not an unsigned-byte IDX file"
    shape = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    body = data[4 + 4 * ndim :]
    item = 1
    for d in shape[1:]:
        item *= d
    assert len(body) == shape[0] * item, f"{path}: size does not match header"
    return shape, body, item


def write_idx(path, shape, body):
    header = struct.pack(">HBB", 0, 0x08, len(shape)) + struct.pack(">" + "I" * len(shape), *shape)
    with open(path, "wb") as raw:
        # filename="" and mtime=0 keep the gzip header free of run-specific bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(header + body)


def subset(rng, kind, per_class, source_dir, out_dir):
    img_shape, images, item = read_idx(os.path.join(source_dir, f"{kind}-images-idx3-ubyte.gz"))
    lab_shape, labels, _ = read_idx(os.path.join(source_dir, f"{kind}-labels-idx1-ubyte.gz"))
    assert img_shape[0] == lab_shape[0]
    by_class = {c: [] for c in range(10)}
    for i, label in enumerate(labels):
        by_class[label].append(i)
    chosen = sorted(i for c in range(10) for i in rng.sample(by_class[c], per_class))
    n = len(chosen)
    write_idx(
        os.path.join(out_dir, f"{kind}-images-idx3-ubyte.gz"),
        (n,) + tuple(img_shape[1:]),
        b"".join(images[i * item : (i + 1) * item] for i in chosen),
    )
    write_idx(os.path.join(out_dir, f"{kind}-labels-idx1-ubyte.gz"), (n,), bytes(labels[i] for i in chosen))
    print(f"{kind}: {n} images ({per_class} per class) from {img_shape[0]}")


def main():
    source_dir = sys.argv[1] if len(sys.argv) > 1 else SOURCE_DIR
    out_dir = sys.argv[2] if len(sys.argv) > 2 else OUT_DIR
    os.makedirs(out_dir, exist_ok=True)
    # One generator for both parts, train first: the order of calls is part of the recipe.
    rng = random.Random(SEED)
    subset(rng, "train", TRAIN_PER_CLASS, source_dir, out_dir)
    subset(rng, "t10k", TEST_PER_CLASS, source_dir, out_dir)


if __name__ == "__main__":
    main()
