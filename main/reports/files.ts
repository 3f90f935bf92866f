// Writing a report to disk so that a failed export never leaves half a file: each file is
// written to a temporary name beside its target and renamed over it only once complete (a
// rename within a folder is atomic), and the main file is written last, after its attachments.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type FileContent = Iterable<string | Uint8Array>;

export interface OutputFile {
  /** Relative to the folder of the main file, '/'-separated ("report-files/curve-1.png"). */
  fileName: string;
  mimeType: string;
  content: FileContent;
}

export interface ReportOutput {
  main: OutputFile;
  attachments: OutputFile[];
}

/** writeSync may write less than asked (it says how much); loop until every byte is out. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

export function writeFileAtomic(path: string, content: FileContent): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    for (const chunk of content) writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Why `folder` cannot take a report, in words; undefined when it can. */
export function folderProblem(folder: string): string | undefined {
  try {
    return statSync(folder).isDirectory() ? undefined : `${folder} is not a folder`;
  } catch {
    return `the folder ${folder} does not exist`;
  }
}

/** Writes attachments, then the main file, into `folder`; returns the paths written, main file first. */
export function writeReportFiles(folder: string, output: ReportOutput): string[] {
  const written: string[] = [];
  try {
    for (const file of output.attachments) {
      const path = join(folder, ...file.fileName.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, file.content);
      written.push(path);
    }
    const main = join(folder, output.main.fileName);
    writeFileAtomic(main, output.main.content);
    return [main, ...written];
  } catch (error) {
    // Without its main file the attachments are clutter: take them back.
    for (const path of written) rmSync(path, { force: true });
    throw error;
  }
}

/** All of a file's content in one buffer, for transports that send files as data. */
export function contentBuffer(content: FileContent): Buffer {
  return Buffer.concat([...content].map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)));
}
