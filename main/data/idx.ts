// IDX files (the MNIST / Fashion-MNIST format), gzipped or not. Header: two zero bytes, a
// type code, the number of dimensions, then each dimension as a big-endian uint32; then the
// values, big-endian, row-major. Every check names the file, since a user pointing Graft at
// the wrong file is the common failure.

import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { DataError } from './errors.ts';
import { readMaybeGzipped } from './files.ts';
import type { Dataset } from './types.ts';

export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  dtype: IdxDtype;
  /** e.g. [60000, 28, 28]. */
  shape: number[];
  data: IdxData;
}

/** What a caller requires of a file; the first entries are quoted as "expected" in errors. */
export interface IdxExpectation {
  dtypes?: IdxDtype[];
  ndims?: number[];
}

const DTYPES: Record<IdxDtype, { code: number; bytes: number; label: string }> = {
  uint8: { code: 0x08, bytes: 1, label: 'unsigned byte' },
  int8: { code: 0x09, bytes: 1, label: 'signed byte' },
  int16: { code: 0x0b, bytes: 2, label: 'short' },
  int32: { code: 0x0c, bytes: 4, label: 'int' },
  float32: { code: 0x0d, bytes: 4, label: 'float' },
  float64: { code: 0x0e, bytes: 8, label: 'double' },
};
const INTEGER_DTYPES: IdxDtype[] = ['uint8', 'int8', 'int16', 'int32'];

export function decodeIdx(bytes: Uint8Array, file: string, expect: IdxExpectation = {}): IdxArray {
  if (bytes.length < 4) throw new DataError(`not an IDX file: ${bytes.length} bytes, shorter than the 4-byte magic number`, { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const dtype = dtypeOfCode(bytes[2]!);
  const ndim = bytes[3]!;
  const fits =
    bytes[0] === 0 &&
    bytes[1] === 0 &&
    dtype !== undefined &&
    ndim > 0 &&
    (expect.dtypes === undefined || expect.dtypes.includes(dtype)) &&
    (expect.ndims === undefined || expect.ndims.includes(ndim));
  if (!fits) {
    throw new DataError(`wrong IDX magic number: expected ${describeExpected(expect)}, found ${hex(magic)}${describeFound(bytes)}`, { file });
  }

  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DataError(`truncated IDX header: ${ndim} dimensions need ${headerBytes} header bytes, the file has ${bytes.length}`, { file });
  }
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const expectedBytes = count * DTYPES[dtype].bytes;
  const actualBytes = bytes.length - headerBytes;
  if (actualBytes !== expectedBytes) {
    const what = actualBytes < expectedBytes ? 'truncated IDX data' : 'IDX size mismatch';
    // The magic number is named: when it is wrong (a 3-dimensional file marked as 4), the extra
    // dimension is read from the data and the shape alone looks like nonsense.
    throw new DataError(
      `${what}: the header declares shape ${shape.join('×')} of ${DTYPES[dtype].label} = ${expectedBytes} data bytes, the file has ${actualBytes} (magic number ${hex(magic)}: ${DTYPES[dtype].label}, ${ndim} dimensions)${sizeHint(shape, actualBytes, DTYPES[dtype].bytes)}`,
      { file },
    );
  }
  return { dtype, shape, data: readValues(view, headerBytes, count, dtype) };
}

export function encodeIdx(arr: IdxArray): Buffer {
  const { code, bytes } = DTYPES[arr.dtype];
  const count = arr.shape.reduce((a, b) => a * b, 1);
  if (count !== arr.data.length) throw new RangeError(`shape ${arr.shape.join('×')} holds ${count} values, data has ${arr.data.length}`);
  const headerBytes = 4 + 4 * arr.shape.length;
  const out = Buffer.alloc(headerBytes + count * bytes);
  out.writeUInt8(code, 2);
  out.writeUInt8(arr.shape.length, 3);
  arr.shape.forEach((d, i) => out.writeUInt32BE(d, 4 + 4 * i));
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < count; i++) writeValue(view, headerBytes + i * bytes, arr.dtype, arr.data[i]!);
  return out;
}

export async function readIdx(file: string, expect: IdxExpectation = {}): Promise<IdxArray> {
  return decodeIdx(await readMaybeGzipped(file), file, expect);
}

export async function writeIdx(file: string, arr: IdxArray, opts: { gzip?: boolean } = {}): Promise<void> {
  const bytes = encodeIdx(arr);
  await writeFile(file, opts.gzip === true ? gzipSync(bytes) : bytes);
}

export interface IdxDatasetOptions {
  /** Examples: n×h×w (grayscale images), n×h×w×c, or n×d (feature vectors); uint8 is scaled to 0..1. */
  images: string;
  /** Labels: n integers ≥ 0. */
  labels: string;
  name: string;
  /** Task name, default "label". */
  task?: string;
  /** Class names, index = label; default "0", "1", …. */
  classes?: string[];
}

/** An images file and a labels file as one single-task classification dataset. */
export async function loadIdxDataset(opts: IdxDatasetOptions): Promise<Dataset> {
  const images = await readIdx(opts.images, { dtypes: ['uint8', 'float32', 'float64'], ndims: [3, 4, 2] });
  const labels = await readIdx(opts.labels, { dtypes: INTEGER_DTYPES, ndims: [1] });
  const n = images.shape[0]!;
  if (labels.shape[0] !== n) {
    throw new DataError(`${labels.shape[0]} labels for ${n} examples in ${opts.images}; expected one label per example`, { file: opts.labels });
  }
  const y = Int32Array.from(labels.data);
  let maxLabel = -1;
  for (let i = 0; i < n; i++) {
    const label = y[i]!;
    if (label < 0) throw new DataError(`label ${label} of example ${i} is negative; expected class indices 0, 1, …`, { file: opts.labels });
    maxLabel = Math.max(maxLabel, label);
  }
  const classes = opts.classes ?? Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  if (maxLabel >= classes.length) {
    throw new DataError(`label ${maxLabel} found, but only ${classes.length} class names were given`, { file: opts.labels, field: 'classes' });
  }
  const x = Float32Array.from(images.data);
  if (images.dtype === 'uint8') for (let i = 0; i < x.length; i++) x[i]! /= 255;
  const rest = images.shape.slice(1);
  const inputShape = rest.length === 2 ? [rest[0]!, rest[1]!, 1] : rest;
  const task = opts.task ?? 'label';
  return { name: opts.name, n, inputShape, x, tasks: [{ name: task, type: 'classification', classes }], y: { [task]: y } };
}

function dtypeOfCode(code: number): IdxDtype | undefined {
  return (Object.keys(DTYPES) as IdxDtype[]).find((d) => DTYPES[d].code === code);
}

/** When fewer dimensions would fit the data exactly, the magic number's dimension count is likely wrong. */
function sizeHint(shape: number[], actualBytes: number, bytesPerValue: number): string {
  for (let ndim = shape.length - 1; ndim >= 1; ndim--) {
    const fewer = shape.slice(0, ndim);
    const headerShift = 4 * (shape.length - ndim); // those dimensions' header bytes are data then
    if (fewer.reduce((a, b) => a * b, 1) * bytesPerValue === actualBytes + headerShift) {
      return `; the data fits ${fewer.join('×')}, so the magic number probably says ${shape.length} dimensions where the file has ${ndim}`;
    }
  }
  return '';
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

function describeExpected(expect: IdxExpectation): string {
  const dtypes = expect.dtypes ?? [];
  const ndims = expect.ndims ?? [];
  const dtype = dtypes[0] ?? 'uint8';
  const ndim = ndims[0];
  if (ndim === undefined) return `0x0000${DTYPES[dtype].code.toString(16).padStart(2, '0')}NN (two zero bytes, a type code, the number of dimensions)`;
  const also = [
    ...(dtypes.length > 1 ? [dtypes.slice(1).map((d) => DTYPES[d].label).join(', ')] : []),
    ...(ndims.length > 1 ? [`${ndims.slice(1).join(' or ')} dimensions`] : []),
  ];
  const plural = ndim === 1 ? '' : 's';
  return `${hex((DTYPES[dtype].code << 8) | ndim)} (${DTYPES[dtype].label}, ${ndim} dimension${plural}${also.length > 0 ? `; also accepted: ${also.join('; ')}` : ''})`;
}

// A hint for the usual wrong files, so the message says what the file probably is.
function describeFound(bytes: Uint8Array): string {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return ' (a zip archive? unzip it first)';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return ' (a PNG image)';
  if (bytes[0] === 0 && bytes[1] === 0 && dtypeOfCode(bytes[2]!) !== undefined) {
    return ` (${DTYPES[dtypeOfCode(bytes[2]!)!].label}, ${bytes[3]} dimensions)`;
  }
  return '';
}

function readValues(view: DataView, offset: number, count: number, dtype: IdxDtype): IdxData {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int8':
      return new Int8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i));
  }
}

function writeValue(view: DataView, offset: number, dtype: IdxDtype, value: number): void {
  switch (dtype) {
    case 'uint8':
      return view.setUint8(offset, value);
    case 'int8':
      return view.setInt8(offset, value);
    case 'int16':
      return view.setInt16(offset, value);
    case 'int32':
      return view.setInt32(offset, value);
    case 'float32':
      return view.setFloat32(offset, value);
    case 'float64':
      return view.setFloat64(offset, value);
  }
}
