// The shipped datasets as the Datasets view shows them: what they hold, their license, one
// sample image per class (image data) or the first rows of the file (tables). Loaded once
// per process: the listing never changes while Graft runs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetInfo, SampleImage } from '../../contract/datasets.ts';
import { BUILTIN_INFO, BUILTIN_NAMES, defaultDataDir, loadBuiltin, type BuiltinName } from '../data/builtin.ts';
import { parseCsv } from '../data/csvParse.ts';
import type { Dataset } from '../data/types.ts';

const MAX_SAMPLES = 10;
const PREVIEW_ROWS = 8;

/** The first example of each class of the first task, as 0..255 grayscale. */
function sampleImages(ds: Dataset): SampleImage[] {
  const [height = 0, width = 0, channels = 1] = ds.inputShape;
  const task = ds.tasks[0];
  const labels = task ? ds.y[task.name] : undefined;
  if (!task || !labels || height === 0 || width === 0) return [];
  const size = height * width * channels;
  const samples: SampleImage[] = [];
  const seen = new Set<number>();
  for (let row = 0; row < ds.n && samples.length < MAX_SAMPLES; row++) {
    const label = labels[row] ?? -1;
    if (seen.has(label)) continue;
    seen.add(label);
    const pixels: number[] = [];
    for (let p = 0; p < height * width; p++) {
      // Channels averaged: the view draws grayscale thumbnails.
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += ds.x[row * size + p * channels + c] ?? 0;
      pixels.push(Math.round(Math.min(1, Math.max(0, sum / channels)) * 255));
    }
    samples.push({ label: task.classes?.[label] ?? String(label), width, height, pixels });
  }
  return samples.sort((a, b) => (task.classes ? task.classes.indexOf(a.label) - task.classes.indexOf(b.label) : 0));
}

async function csvPreview(file: string): Promise<{ columns: string[]; rows: string[][] }> {
  const table = parseCsv(await readFile(file, 'utf8'), file);
  return { columns: table.header, rows: table.rows.slice(0, PREVIEW_ROWS) };
}

async function describe(name: BuiltinName, dataDir: string): Promise<DatasetInfo> {
  const info = BUILTIN_INFO[name];
  const ds = await loadBuiltin(name, { dataDir });
  const image = ds.inputShape.length === 3;
  return {
    name,
    kind: image ? 'image' : 'tabular',
    description: info.description,
    rows: ds.n,
    inputShape: ds.inputShape,
    tasks: ds.tasks.map((t) => (t.classes ? { name: t.name, type: t.type, classes: t.classes } : { name: t.name, type: t.type })),
    license: info.license,
    ...(image ? { samples: sampleImages(ds) } : { preview: await csvPreview(join(dataDir, name, `${name}.csv`)) }),
  };
}

let cached: Promise<DatasetInfo[]> | null = null;

export function listDatasets(dataDir: string = defaultDataDir()): Promise<DatasetInfo[]> {
  cached ??= Promise.all(BUILTIN_NAMES.map((name) => describe(name, dataDir)));
  // A failed load (a file removed) must not stick: the next call tries again.
  cached.catch(() => (cached = null));
  return cached;
}
