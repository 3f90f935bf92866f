// Reading dataset files: every failure becomes a DataError naming the file, and gzip is
// recognised by its magic bytes rather than the name, so "data.idx" that is really gzipped
// (or "x.gz" that is not) still loads.

import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DataError, messageOf } from './errors.ts';

const gunzipAsync = promisify(gunzip);

export async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError('file not found', { file });
    if (code === 'EISDIR') throw new DataError('expected a file, found a folder', { file });
    throw new DataError(`cannot read file: ${messageOf(err)}`, { file });
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The file's bytes, gunzipped when they start with the gzip magic number. */
export async function readMaybeGzipped(file: string): Promise<Buffer> {
  const bytes = await readBytes(file);
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzipAsync(bytes);
  } catch (err) {
    throw new DataError(`corrupt or truncated gzip data: ${messageOf(err)}`, { file });
  }
}
