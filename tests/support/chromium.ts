// The Chromium the browser tests and the bench drive with playwright-core, never a browser
// playwright downloads: $GRAFT_CHROMIUM, else a Chrome/Chromium installed on the machine, else
// the headless Chromium that the @sparticuz/chromium npm package ships inside its tarball
// (Linux x64), so `npm install` alone is enough to run every test.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const INSTALLED: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: [
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
  ],
};

/** A Chrome/Chromium installed on the machine, or null. */
export function installedChromium(): string | null {
  for (const candidate of INSTALLED[process.platform] ?? []) {
    if (candidate.includes('/') || candidate.includes('\\')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    try {
      const found = execFileSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH: try the next name
    }
  }
  return null;
}

/**
 * The @sparticuz/chromium binary, decompressed once per package version into the temp folder.
 * Its own executablePath() checks for /tmp/chromium and would hand a half-written file to a second
 * process starting at the same moment, so this unpacks into a private folder and renames it.
 */
async function packagedChromium(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no Chromium found: install Chrome or Chromium, or set GRAFT_CHROMIUM (the npm-packaged Chromium is Linux x64 only; this is ${process.platform} ${process.arch})`);
  }
  const require = createRequire(import.meta.url);
  // The package exports no package.json: walk up from its entry to its root.
  let root = dirname(require.resolve('@sparticuz/chromium'));
  while (!existsSync(join(root, 'package.json')) || !existsSync(join(root, 'bin', 'chromium.br'))) {
    if (dirname(root) === root) throw new Error('@sparticuz/chromium is installed without its bin/chromium.br');
    root = dirname(root);
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = join(root, 'bin');
  const folder = join(tmpdir(), `graft-chromium-${version}`);
  const executable = join(folder, 'chromium');
  if (existsSync(executable)) return executable;
  const staging = `${folder}.${process.pid}.${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 }));
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another process finished first: its folder is complete, use it.
      if (!existsSync(executable)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}

export async function chromiumPath(): Promise<string> {
  if (process.env.GRAFT_CHROMIUM) return process.env.GRAFT_CHROMIUM;
  return installedChromium() ?? (await packagedChromium());
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}
