import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside } from './containment.ts';
import { DataError } from './errors.ts';

let root: string;
let folder: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'graft-contain-'));
  folder = join(root, 'model');
  await mkdir(join(folder, 'sub'), { recursive: true });
  await writeFile(join(folder, 'sub', 'w.bin'), 'inside');
  await writeFile(join(root, 'secret.bin'), 'outside');
  await symlink(join(root, 'secret.bin'), join(folder, 'out.bin'));
  await symlink(join(folder, 'sub', 'w.bin'), join(folder, 'in.bin'));
  await symlink(root, join(folder, 'up'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveInside', () => {
  it('resolves paths that stay inside, through ./, inner .. and links that stay inside', async () => {
    expect(await resolveInside(folder, './sub/w.bin', 'weight file')).toBe(join(folder, 'sub', 'w.bin'));
    expect(await resolveInside(folder, 'sub/../sub/w.bin', 'weight file')).toBe(join(folder, 'sub', 'w.bin'));
    expect(await resolveInside(folder, 'sub%2Fw.bin', 'weight file')).toBe(join(folder, 'sub', 'w.bin'));
    expect(await resolveInside(folder, 'in.bin', 'weight file')).toBe(join(folder, 'in.bin'));
    // A missing file inside is the caller's to report ("weight file is missing").
    expect(await resolveInside(folder, 'absent.bin', 'weight file')).toBe(join(folder, 'absent.bin'));
  });

  it.each([
    ['../secret.bin', /"\.\.\/secret\.bin" points outside the folder/],
    ['../../../../etc/passwd', /"\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" points outside the folder/],
    ['sub/../../secret.bin', /points outside the folder/],
    ['/etc/passwd', /"\/etc\/passwd" is an absolute path/],
    ['%2E%2E%2Fsecret.bin', /"%2E%2E%2Fsecret\.bin" points outside the folder/],
    ['..%2f..%2fetc%2fpasswd', /points outside the folder/],
    ['%2Fetc%2Fpasswd', /is an absolute path/],
    ['file:///etc/passwd', /is a URL/],
    ['%E0%A4%A', /malformed percent-encoding/],
    ['out.bin', /"out\.bin" is a link to .*secret\.bin, outside the folder/],
    ['up/secret.bin', /"up\/secret\.bin" is a link to .*secret\.bin, outside the folder/],
  ])('refuses %s, naming it', async (written, message) => {
    const attempt = resolveInside(folder, written, 'weight file');
    await expect(attempt).rejects.toBeInstanceOf(DataError);
    await expect(attempt).rejects.toThrow(message);
  });
});
