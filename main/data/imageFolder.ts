// Image-folder datasets: one subfolder per class, PNG or JPEG files inside. Every image is
// decoded, converted to the requested channel count and resized, so a folder of mixed sizes
// and formats becomes one n×h×w×c tensor.

import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { entriesInside } from './containment.ts';
import { DataError, messageOf } from './errors.ts';
import { readBytes } from './files.ts';
import { resizeImage, type ResizeMethod } from './resize.ts';
import type { Dataset } from './types.ts';

export interface ImageFolderOptions {
  /** [height, width, channels]; channels 1 (grayscale) or 3 (RGB). */
  shape: [number, number, number];
  /** Default 'area', which averages when shrinking instead of skipping pixels. */
  resize?: Exclude<ResizeMethod, 'nearest'>;
  /** Default: the folder's path. */
  name?: string;
  /** Task name, default "label". */
  task?: string;
  /** A corrupt or unreadable image: 'refuse' the folder (default), or 'skip' it and name it in the notes. */
  unreadable?: 'skip' | 'refuse';
}

/** 8-bit RGBA pixels, as both decoders return them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const IMAGE_EXTENSIONS = /\.(png|jpe?g)$/i;
// Decoder limits guard against a hostile or broken file asking for gigabytes.
const MAX_MEGAPIXELS = 100;

/**
 * Classes are the subfolder names in code-point order (so labels do not depend on locale);
 * files within a class are read in name order. Files that are not .png/.jpg/.jpeg and hidden
 * files are skipped and listed in the dataset's notes. Alpha is dropped, not composited.
 */
export async function loadImageFolder(dir: string, opts: ImageFolderOptions): Promise<Dataset> {
  const [h, w, c] = checkShape(opts.shape);
  const entries = await listDir(dir, dir);
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(byCodePoint);
  const stray = entries.filter((e) => e.isFile() && IMAGE_EXTENSIONS.test(e.name)).map((e) => e.name);
  if (classes.length === 0) {
    const hint = stray.length > 0 ? `; found ${stray.length} images directly in it, move them into class folders` : '';
    throw new DataError(`expected one subfolder per class, found none${hint}`, { file: dir });
  }
  if (stray.length > 0) {
    throw new DataError(`images must be inside class subfolders; found ${stray.slice(0, 3).join(', ')}${stray.length > 3 ? ', …' : ''} directly in the folder`, {
      file: dir,
    });
  }

  const files: { path: string; label: number }[] = [];
  const skipped: string[] = [];
  for (const [label, cls] of classes.entries()) {
    const classDir = join(dir, cls);
    const names = (await listDir(classDir, dir)).filter((e) => e.isFile()).map((e) => e.name).sort(byCodePoint);
    const images = names.filter((f) => !f.startsWith('.') && IMAGE_EXTENSIONS.test(f));
    skipped.push(...names.filter((f) => !images.includes(f)).map((f) => join(cls, f)));
    if (images.length === 0) throw new DataError(`class folder "${cls}" has no .png, .jpg or .jpeg images`, { file: classDir });
    files.push(...images.map((f) => ({ path: join(classDir, f), label })));
  }

  const size = h * w * c;
  let x = new Float32Array(files.length * size);
  let y = new Int32Array(files.length);
  const unreadable: string[] = [];
  let n = 0;
  for (const { path, label } of files) {
    let image: RgbaImage;
    try {
      image = decodeImage(await readBytes(path), path);
    } catch (err) {
      if (opts.unreadable !== 'skip' || !(err instanceof DataError)) throw err;
      unreadable.push(`${relative(dir, path)} (${err.message.slice(path.length + 2)})`);
      continue;
    }
    const pixels = toChannels(image, c);
    x.set(resizeImage(pixels, [image.height, image.width, c], [h, w], opts.resize ?? 'area'), n * size);
    y[n++] = label;
  }
  if (n < files.length) {
    x = x.slice(0, n * size);
    y = y.slice(0, n);
    const empty = classes.filter((_, label) => !y.includes(label));
    if (empty.length > 0) throw new DataError(`class folder "${empty[0]}" has no readable images (unreadable: ${unreadable.join(', ')})`, { file: join(dir, empty[0]!) });
  }
  const task = opts.task ?? 'label';
  const ds: Dataset = { name: opts.name ?? dir, n, inputShape: [h, w, c], x, tasks: [{ name: task, type: 'classification', classes }], y: { [task]: y } };
  const notes: string[] = [];
  if (skipped.length > 0) notes.push(`skipped ${skipped.length} non-image files: ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}`);
  // Every unreadable file is named: a user must be able to find and fix each one.
  if (unreadable.length > 0) notes.push(`skipped ${unreadable.length} unreadable images: ${unreadable.join(', ')}`);
  if (notes.length > 0) ds.notes = notes;
  return ds;
}

/** Decodes PNG or JPEG by content (not extension) to 8-bit RGBA. */
export function decodeImage(bytes: Uint8Array, file: string): RgbaImage {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!isPng && !isJpeg) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DataError(`not a PNG or JPEG image (starts with bytes ${head || 'nothing: empty file'})`, { file });
  }
  try {
    if (isPng) {
      // pngjs expands palette, grayscale and 16-bit images to 8-bit RGBA.
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: png.data };
    }
    const jpg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 1024 });
    if (jpg.width === 0 || jpg.height === 0) throw new Error('no image data');
    return { width: jpg.width, height: jpg.height, data: jpg.data };
  } catch (err) {
    throw new DataError(`corrupt or unreadable ${isPng ? 'PNG' : 'JPEG'} image: ${messageOf(err)}`, { file });
  }
}

/** RGBA bytes to `channels` floats in 0..1: grayscale by ITU-R BT.601 luma, or RGB. */
export function toChannels(image: RgbaImage, channels: 1 | 3): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n * channels);
  const d = image.data;
  for (let p = 0; p < n; p++) {
    const r = d[4 * p]!;
    const g = d[4 * p + 1]!;
    const b = d[4 * p + 2]!;
    if (channels === 1) {
      out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    } else {
      out[3 * p] = r / 255;
      out[3 * p + 1] = g / 255;
      out[3 * p + 2] = b / 255;
    }
  }
  return out;
}

function checkShape(shape: readonly number[]): [number, number, 1 | 3] {
  const [h, w, c] = shape;
  const side = (v: number | undefined) => v !== undefined && Number.isInteger(v) && v >= 1 && v <= 4096;
  if (shape.length !== 3 || !side(h) || !side(w) || (c !== 1 && c !== 3)) {
    throw new DataError(`image shape must be [height, width, channels] with sides 1..4096 and 1 or 3 channels; got ${JSON.stringify(shape)}`, {
      field: 'shape',
    });
  }
  return [h!, w!, c];
}

/** The entries of `dir`, symlinks followed as long as they stay inside the dataset's `root`. */
async function listDir(dir: string, root: string) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError('folder not found', { file: dir });
    if (code === 'ENOTDIR') throw new DataError('expected a folder with one subfolder per class, found a file', { file: dir });
    throw new DataError(`cannot read folder: ${messageOf(err)}`, { file: dir });
  }
  return entriesInside(root, dir, entries);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
