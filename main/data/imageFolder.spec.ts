import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from './errors.ts';
import { loadImageFolder } from './imageFolder.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'graft-img-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An RGBA image filled with one colour. */
function solid(width: number, height: number, [r, g, b]: [number, number, number]): { width: number; height: number; data: Buffer } {
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([r, g, b, 255], 4 * p);
  return { width, height, data };
}

function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  solid(width, height, rgb).data.copy(image.data);
  return PNG.sync.write(image);
}

function jpg(width: number, height: number, rgb: [number, number, number]): Buffer {
  return encodeJpeg(solid(width, height, rgb), 95).data;
}

async function folder(name: string, files: Record<string, Buffer | string>): Promise<string> {
  const dir = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, content);
  }
  return dir;
}

async function loadError(dir: string, shape: [number, number, number] = [4, 4, 1]): Promise<DataError> {
  const err = await loadImageFolder(dir, { shape }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('loadImageFolder', () => {
  it('reads PNG and JPEG of different sizes into one tensor; classes are the sorted subfolders', async () => {
    const dir = await folder('mixed', {
      'cat/a.png': png(10, 6, [255, 0, 0]),
      'cat/b.jpg': jpg(16, 16, [0, 0, 255]),
      'ant/c.jpeg': jpg(5, 9, [255, 255, 255]),
      'ant/notes.txt': 'not an image',
      'ant/.DS_Store': 'junk',
    });
    const ds = await loadImageFolder(dir, { shape: [4, 4, 3], name: 'pets' });
    expect(ds.n).toBe(3);
    expect(ds.inputShape).toEqual([4, 4, 3]);
    expect(ds.tasks[0]!.classes).toEqual(['ant', 'cat']);
    expect(Array.from(ds.y.label!)).toEqual([0, 1, 1]);
    expect(ds.notes?.[0]).toMatch(/skipped 2 non-image files/);
    const pixel = (i: number) => Array.from(ds.x.subarray(i * 48, i * 48 + 3));
    expect(pixel(0)[0]).toBeCloseTo(1, 1); // white JPEG
    expect(pixel(1)).toEqual([1, 0, 0]); // red PNG, exact
    expect(pixel(2)[2]).toBeGreaterThan(0.95); // blue JPEG (lossy)
    expect(pixel(2)[0]).toBeLessThan(0.05);
  });

  it('converts to grayscale with BT.601 luma when channels = 1, with bilinear or area resize', async () => {
    const dir = await folder('gray', { 'g/a.png': png(8, 8, [255, 0, 0]), 'h/b.png': png(3, 3, [0, 255, 0]) });
    for (const resize of ['area', 'bilinear'] as const) {
      const ds = await loadImageFolder(dir, { shape: [2, 2, 1], resize });
      expect(ds.inputShape).toEqual([2, 2, 1]);
      for (const v of ds.x.subarray(0, 4)) expect(v).toBeCloseTo(0.299, 5);
      for (const v of ds.x.subarray(4, 8)) expect(v).toBeCloseTo(0.587, 5);
    }
  });

  it('a corrupt PNG names the file', async () => {
    const good = png(4, 4, [1, 2, 3]);
    const dir = await folder('corrupt', { 'a/ok.png': good, 'a/bad.png': good.subarray(0, 40) });
    const err = await loadError(dir);
    expect(err.file).toBe(join(dir, 'a', 'bad.png'));
    expect(err.message).toMatch(/bad\.png: corrupt or unreadable PNG image/);
  });

  it('a corrupt JPEG and a non-image with an image extension name the file', async () => {
    const jdir = await folder('corrupt-jpg', { 'a/x.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]) });
    expect((await loadError(jdir)).message).toMatch(/x\.jpg: corrupt or unreadable JPEG image/);
    const gdir = await folder('gif', { 'a/y.png': Buffer.from('GIF89a....') });
    expect((await loadError(gdir)).message).toMatch(/y\.png: not a PNG or JPEG image \(starts with bytes 47 49 46 38\)/);
  });

  it('follows links that stay inside the folder and refuses links out of it, naming them', async () => {
    const outside = await folder('elsewhere', { 'secret.png': png(2, 2, [9, 9, 9]) });
    const dir = await folder('linked', { 'a/x.png': png(2, 2, [0, 0, 0]), 'b/y.png': png(2, 2, [255, 255, 255]) });
    await symlink(join(dir, 'a', 'x.png'), join(dir, 'b', 'again.png'));
    const ds = await loadImageFolder(dir, { shape: [2, 2, 1] });
    expect(Array.from(ds.y.label!)).toEqual([0, 1, 1]);
    await symlink(join(outside, 'secret.png'), join(dir, 'b', 'out.png'));
    expect((await loadError(dir)).message).toMatch(/link "b\/out\.png" is a link to .*elsewhere\/secret\.png, outside the folder/);
    const byFolder = await folder('linked-class', { 'a/x.png': png(2, 2, [0, 0, 0]) });
    await symlink(outside, join(byFolder, 'c'));
    expect((await loadError(byFolder)).message).toMatch(/link "c" is a link to .*elsewhere, outside the folder/);
  });

  it('with unreadable "skip", skips corrupt images and names every one of them in the notes', async () => {
    const good = png(4, 4, [1, 2, 3]);
    const dir = await folder('skip-corrupt', { 'a/ok.png': good, 'a/bad.png': good.subarray(0, 40), 'b/fine.png': good, 'b/empty.jpg': Buffer.alloc(0) });
    const ds = await loadImageFolder(dir, { shape: [2, 2, 1], unreadable: 'skip' });
    expect(ds.n).toBe(2);
    expect(Array.from(ds.y.label!)).toEqual([0, 1]);
    expect(ds.x.length).toBe(2 * 4);
    expect(ds.notes).toEqual([expect.stringMatching(/^skipped 2 unreadable images: a\/bad\.png \(corrupt or unreadable PNG image: .*\), b\/empty\.jpg \(not a PNG or JPEG image \(starts with bytes nothing: empty file\)\)$/)]);
    const allBad = await folder('all-corrupt', { 'a/ok.png': good, 'b/bad.png': good.subarray(0, 40) });
    await expect(loadImageFolder(allBad, { shape: [2, 2, 1], unreadable: 'skip' })).rejects.toThrow(/class folder "b" has no readable images \(unreadable: b\/bad\.png/);
  });

  it('folder layout errors say what was expected', async () => {
    expect((await loadError(join(root, 'missing'))).message).toMatch(/folder not found/);
    const flat = await folder('flat', { 'a.png': png(2, 2, [0, 0, 0]) });
    expect((await loadError(flat)).message).toMatch(/expected one subfolder per class, found none; found 1 images directly in it/);
    const empty = await folder('empty-class', { 'a/x.png': png(2, 2, [0, 0, 0]), 'b/readme.txt': 'hi' });
    expect((await loadError(empty)).message).toMatch(/class folder "b" has no \.png, \.jpg or \.jpeg images/);
    const dir = await folder('shape', { 'a/x.png': png(2, 2, [0, 0, 0]) });
    const err = await loadError(dir, [4, 4, 2]);
    expect(err.field).toBe('shape');
  });
});
