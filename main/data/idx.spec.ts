import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from './builtin.ts';
import { DataError } from './errors.ts';
import { decodeIdx, encodeIdx, loadIdxDataset, readIdx, writeIdx, type IdxArray } from './idx.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graft-idx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function caught(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('IDX round trip', () => {
  const arrays: IdxArray[] = [
    { dtype: 'uint8', shape: [3, 2, 2], data: Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 254, 255]) },
    { dtype: 'int8', shape: [4], data: Int8Array.from([-128, -1, 0, 127]) },
    { dtype: 'int16', shape: [2, 2], data: Int16Array.from([-32768, -2, 3, 32767]) },
    { dtype: 'int32', shape: [3], data: Int32Array.from([-2147483648, 0, 2147483647]) },
    { dtype: 'float32', shape: [2, 1], data: Float32Array.from([1.5, -0.25]) },
    { dtype: 'float64', shape: [2], data: Float64Array.from([Math.PI, -1e300]) },
  ];
  for (const arr of arrays) {
    for (const gzip of [false, true]) {
      it(`${arr.dtype}${gzip ? ', gzipped' : ''}`, async () => {
        const file = join(dir, `rt-${arr.dtype}-${gzip}.idx`);
        await writeIdx(file, arr, { gzip });
        const back = await readIdx(file);
        expect(back.dtype).toBe(arr.dtype);
        expect(back.shape).toEqual(arr.shape);
        expect(Array.from(back.data)).toEqual(Array.from(arr.data));
      });
    }
  }

  it('writes the big-endian header of the real format', () => {
    const bytes = encodeIdx({ dtype: 'uint8', shape: [2, 28, 28], data: new Uint8Array(2 * 784) });
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28]);
  });
});

describe('IDX errors name the file and what was expected', () => {
  it('wrong magic number: expected vs found', async () => {
    const file = join(dir, 'labels-as-images.idx');
    await writeIdx(file, { dtype: 'uint8', shape: [3], data: Uint8Array.from([1, 2, 3]) });
    const err = await caught(readIdx(file, { dtypes: ['uint8'], ndims: [3] }));
    expect(err.file).toBe(file);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/expected 0x00000803 \(unsigned byte, 3 dimensions\), found 0x00000801/);
  });

  it('a file that is not IDX at all', async () => {
    const file = join(dir, 'text.idx');
    await writeFile(file, 'hello world');
    const err = await caught(readIdx(file));
    expect(err.message).toMatch(/wrong IDX magic number: expected .*found 0x68656c6c/);
  });

  it('truncated data', async () => {
    const file = join(dir, 'truncated.idx.gz');
    const full = encodeIdx({ dtype: 'uint8', shape: [10, 4, 4], data: new Uint8Array(160) });
    await writeFile(file, gzipSync(full.subarray(0, full.length - 20)));
    const err = await caught(readIdx(file));
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/truncated IDX data: the header declares shape 10×4×4 .* = 160 data bytes, the file has 140/);
  });

  it('names the magic number when it claims a dimension the file does not have', () => {
    const good = encodeIdx({ dtype: 'uint8', shape: [50, 8, 8], data: Uint8Array.from({ length: 3200 }, (_, i) => (i * 37) % 251) });
    const wrong = Buffer.from(good);
    wrong[3] = 4; // a 3-dimensional file whose magic number says 4: the data's first bytes become a dimension
    expect(() => decodeIdx(wrong, 'm.idx')).toThrow(/m\.idx: .*magic number 0x00000804: unsigned byte, 4 dimensions.*the data fits 50×8×8, so the magic number probably says 4 dimensions where the file has 3/);
  });

  it('extra bytes after the data', () => {
    const bytes = Buffer.concat([encodeIdx({ dtype: 'uint8', shape: [2], data: Uint8Array.from([1, 2]) }), Buffer.from([9])]);
    expect(() => decodeIdx(bytes, 'x.idx')).toThrow(/x.idx: IDX size mismatch: .* 2 data bytes, the file has 3/);
  });

  it('truncated header and truncated gzip stream', async () => {
    expect(() => decodeIdx(Uint8Array.from([0, 0, 8, 3, 0, 0]), 'h.idx')).toThrow(/truncated IDX header: 3 dimensions need 16 header bytes, the file has 6/);
    const file = join(dir, 'cut.gz');
    const gz = gzipSync(encodeIdx({ dtype: 'uint8', shape: [100], data: new Uint8Array(100) }));
    await writeFile(file, gz.subarray(0, gz.length - 10));
    expect((await caught(readIdx(file))).message).toMatch(/cut.gz: corrupt or truncated gzip data/);
  });

  it('missing file', async () => {
    const err = await caught(readIdx(join(dir, 'nope.idx')));
    expect(err.message).toMatch(/nope.idx: file not found/);
  });

  it('label count differs from image count: names the labels file', async () => {
    const images = join(dir, 'img.idx');
    const labels = join(dir, 'lab.idx');
    await writeIdx(images, { dtype: 'uint8', shape: [3, 2, 2], data: new Uint8Array(12) });
    await writeIdx(labels, { dtype: 'uint8', shape: [2], data: Uint8Array.from([0, 1]) });
    const err = await caught(loadIdxDataset({ images, labels, name: 't' }));
    expect(err.file).toBe(labels);
    expect(err.message).toMatch(/2 labels for 3 examples/);
  });
});

describe('loadIdxDataset', () => {
  it('reads a written dataset: shape [h, w, 1], pixels scaled to 0..1, class names', async () => {
    const images = join(dir, 'ds-images.idx');
    const labels = join(dir, 'ds-labels.idx.gz');
    await writeIdx(images, { dtype: 'uint8', shape: [2, 2, 3], data: Uint8Array.from([0, 255, 51, 0, 0, 0, 255, 255, 255, 255, 255, 255]) });
    await writeIdx(labels, { dtype: 'uint8', shape: [2], data: Uint8Array.from([1, 0]) }, { gzip: true });
    const ds = await loadIdxDataset({ images, labels, name: 'tiny', classes: ['a', 'b'] });
    expect(ds.n).toBe(2);
    expect(ds.inputShape).toEqual([2, 3, 1]);
    expect(ds.x[1]).toBe(1);
    expect(ds.x[2]).toBeCloseTo(0.2);
    expect(Array.from(ds.y.label!)).toEqual([1, 0]);
    expect(ds.tasks).toEqual([{ name: 'label', type: 'classification', classes: ['a', 'b'] }]);
  });

  it('reads the shipped Fashion-MNIST files (the real, gzipped format)', async () => {
    const base = join(defaultDataDir(), 'fashion-mnist');
    const raw = await readFile(join(base, 't10k-images-idx3-ubyte.gz'));
    expect(raw[0]).toBe(0x1f); // really gzipped, so the gzip path is exercised
    const images = await readIdx(join(base, 't10k-images-idx3-ubyte.gz'));
    expect(images).toMatchObject({ dtype: 'uint8', shape: [2000, 28, 28] });
    const labels = await readIdx(join(base, 't10k-labels-idx1-ubyte.gz'));
    expect(labels.shape).toEqual([2000]);
    const counts = new Array<number>(10).fill(0);
    for (const l of labels.data) counts[l]! += 1;
    expect(counts).toEqual(new Array(10).fill(200));
  });
});
