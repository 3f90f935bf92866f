// The house plan, enforced: every import of every .ts/.svelte/.mjs file in the repo is read,
// and an arrow that runs up a layer, or a cycle inside the pure and core layers, fails here with
// the files that make it. DESIGN.md's layers: renderer > transports > services > engine | reports
// > db > analysis | contract (pure).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules, one row per folder (paths from the repo root, ending in '/'). `only`: the
 * folders of Graft it may import (its own included); `never`: the folders it must not import.
 * A NEW FOLDER that holds a layer (or a new layer) must be added here, or its arrows go unchecked.
 */
const LAYERS: { folder: string; only?: string[]; never?: string[] }[] = [
  { folder: 'contract/', only: ['contract/'] },
  { folder: 'analysis/', only: ['analysis/', 'contract/'] },
  { folder: 'db/', never: ['main/', 'renderer/'] },
  // What runs inside a training worker never touches the store, the main thread's scheduler or
  // the services: everything it learns leaves as a message (main/engine/worker/messages.ts).
  { folder: 'main/engine/worker/', never: ['db/', 'main/engine/mainThread/', 'main/services/', 'main/reports/', 'main/transports/', 'main/cli/', 'main/electron/', 'renderer/'] },
  { folder: 'main/engine/mainThread/', never: ['main/services/', 'main/reports/', 'main/transports/', 'main/cli/', 'main/electron/', 'renderer/'] },
  { folder: 'main/reports/', never: ['main/services/', 'main/transports/', 'main/cli/', 'main/electron/'] },
  { folder: 'main/services/', never: ['main/transports/', 'main/cli/', 'main/electron/'] },
  { folder: 'renderer/', only: ['renderer/', 'contract/', 'analysis/'] },
];

/** Folders inside which no import cycle may exist (a cycle crossing between them counts too). */
const ACYCLIC = ['contract/', 'analysis/', 'db/', 'main/engine/', 'main/services/', 'main/reports/'];


/** Only these folders may import Electron: its main process adapters and the preload script. */
const ELECTRON_ALLOWED = ['main/electron/', 'preload/'];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', 'out', 'test-results', '.git', '.scratch', '.prof']);
const SOURCE = /\.(ts|svelte|mjs)$/;
// import … from '…', export … from '…', import '…', import('…'); type-only imports count too:
// a type from a higher layer ties the lower one to it just the same.
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Imports {
  /** Repo-relative paths of the Graft files it imports. */
  local: string[];
  /** Bare package names ('electron', 'vitest', 'node:fs'). */
  packages: string[];
}

/** The file's imports, comments stripped first so a commented-out import is no arrow. */
export function importsOf(file: string, text: string): Imports {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const local: string[] = [];
  const packages: string[] = [];
  for (const match of code.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? '';
    if (spec.startsWith('.')) local.push(relative(ROOT, normalize(join(dirname(file), spec))).split('\\').join('/'));
    else packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return { local, packages };
}

function graph(): Map<string, Imports> {
  const edges = new Map<string, Imports>();
  for (const file of sourceFiles(ROOT)) {
    edges.set(relative(ROOT, file).split('\\').join('/'), importsOf(file, readFileSync(file, 'utf8')));
  }
  return edges;
}

export function layerViolations(edges: Map<string, Imports>): string[] {
  const found: string[] = [];
  for (const [file, { local, packages }] of edges) {
    // A spec beside the code it tests may build its inputs with a higher layer (a real store, the
    // service's comparison): it ships nowhere and nothing imports it.
    const layered = !file.endsWith('.spec.ts');
    for (const rule of LAYERS.filter((r) => layered && file.startsWith(r.folder))) {
      for (const target of local) {
        const outside = target.startsWith('..') || target.startsWith('node_modules/');
        if (outside) continue;
        if (rule.only && !rule.only.some((f) => target.startsWith(f))) found.push(`${file} → ${target} (${rule.folder} may import only ${rule.only.join(', ')})`);
        const banned = rule.never?.find((f) => target.startsWith(f));
        if (banned) found.push(`${file} → ${target} (${rule.folder} must not import ${banned})`);
      }
    }
    if (packages.includes('electron') && !ELECTRON_ALLOWED.some((f) => file.startsWith(f))) {
      found.push(`${file} → electron (only ${ELECTRON_ALLOWED.join(', ')} may import Electron)`);
    }
  }
  return found;
}

/** Every elementary cycle's files (one per strongly connected component, found by Tarjan). */
export function importCycles(edges: Map<string, Imports>, within: readonly string[]): string[][] {
  const inside = (f: string) => within.some((w) => f.startsWith(w));
  const next = (f: string) => (edges.get(f)?.local ?? []).filter((t) => inside(t) && edges.has(t));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next(v).includes(v)) cycles.push(component.sort());
    }
  };
  for (const file of [...edges.keys()].filter(inside).sort()) if (!index.has(file)) visit(file);
  return cycles;
}

describe('layering', () => {
  const edges = graph();

  it('reads the imports of the whole repo', () => {
    // A scan that found nothing would pass every rule below.
    expect(edges.size).toBeGreaterThan(300);
    expect(edges.get('main/services/handlers.ts')?.local.length).toBeGreaterThan(3);
  });

  it('has no arrow running up a layer, and Electron only in main/electron/ and preload/', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it(`has no import cycle within ${ACYCLIC.join(', ')}`, () => {
    expect(importCycles(edges, ACYCLIC).map((files) => files.join(' ⇄ '))).toEqual([]);
  });

  it('catches an upward arrow and a cycle when there is one', () => {
    // The checker itself, on a made-up graph, so a regex that stopped matching cannot pass silently.
    const fake = new Map<string, Imports>([
      ['analysis/a.ts', { local: ['main/services/b.ts'], packages: [] }],
      ['main/services/b.ts', { local: ['main/services/c.ts'], packages: ['electron'] }],
      ['main/services/c.ts', { local: ['main/services/b.ts'], packages: [] }],
    ]);
    expect(layerViolations(fake)).toHaveLength(2);
    expect(importCycles(fake, ACYCLIC)).toEqual([['main/services/b.ts', 'main/services/c.ts']]);
    expect(importsOf(join(ROOT, 'renderer/x.ts'), "import type { A } from '../contract/a.ts';\n// import '../main/b.ts'\nconst m = await import('./c.ts');").local).toEqual(['contract/a.ts', 'renderer/c.ts']);
  });
});
