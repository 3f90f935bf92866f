// MultiFashion: the MultiMNIST recipe of Sener & Koltun (2018, "Multi-Task Learning as
// Multi-Objective Optimization", isl-org/MultiObjectiveOptimization) applied to Fashion-MNIST.
// Each image is pasted top-left on a 36×36 canvas, a randomly chosen partner bottom-right
// (offset 6 px, so they overlap by 22×22 where the brighter pixel wins), and the canvas is
// resized back to 28×28. Two tasks: the class of the left item and of the right item.
// A classic two-task benchmark where the tasks compete for the same pixels.

import { loadBuiltin, type BuiltinOptions } from './builtin.ts';
import { DataError } from './errors.ts';
import { deriveSeed, mulberry32, randomInt } from './random.ts';
import { resizeImage, type ResizeMethod } from './resize.ts';
import { classLabels, classificationTask, complementRows } from './rows.ts';
import type { Dataset } from './types.ts';

/** Canvas is the image side + 8; the right image starts 6 px in (leaving a 2 px margin), as in the reference code. */
const CANVAS_EXTRA = 8;
const OFFSET = 6;

export interface MultiFashionOptions {
  seed: number;
  /** Canvas → 28×28 resize. Default 'nearest', as the reference implementation (scipy imresize); 'area' gives smoother digits. */
  resize?: ResizeMethod;
  /** Default "multi-fashion". */
  name?: string;
}

/**
 * One composite per source row: row i is the left item, its partner is drawn uniformly from
 * the same part (train rows with train rows, official test rows with test rows, never itself)
 * so no test image leaks into a training composite. The source's testRows carry over.
 */
export function makeMultiFashion(source: Dataset, opts: MultiFashionOptions): Dataset {
  const [h, w, c] = source.inputShape;
  if (source.inputShape.length !== 3 || c !== 1 || h === undefined || w === undefined) {
    throw new DataError(`MultiFashion needs grayscale images [h, w, 1]; dataset "${source.name}" has shape [${source.inputShape}]`, { field: 'inputShape' });
  }
  const task = classificationTask(source);
  if (task === null) throw new DataError(`MultiFashion needs a classification task; dataset "${source.name}" has none`, { field: 'tasks' });
  const labels = classLabels(source, task);
  const rng = mulberry32(deriveSeed(opts.seed, 'multi-fashion'));
  const partner = drawPartners(source, rng);

  const ch = h + CANVAS_EXTRA;
  const cw = w + CANVAS_EXTRA;
  const size = h * w;
  const x = new Float32Array(source.n * size);
  const left = new Int32Array(source.n);
  const right = new Int32Array(source.n);
  const canvas = new Float32Array(ch * cw);
  for (let i = 0; i < source.n; i++) {
    const j = partner[i]!;
    canvas.fill(0);
    paste(canvas, cw, source.x.subarray(i * size, (i + 1) * size), h, w, 0);
    paste(canvas, cw, source.x.subarray(j * size, (j + 1) * size), h, w, OFFSET);
    x.set(resizeImage(canvas, [ch, cw, 1], [h, w], opts.resize ?? 'nearest'), i * size);
    left[i] = labels[i]!;
    right[i] = labels[j]!;
  }
  const classes = task.classes ?? [];
  const out: Dataset = {
    name: opts.name ?? 'multi-fashion',
    n: source.n,
    inputShape: [h, w, 1],
    x,
    tasks: [
      { name: 'left', type: 'classification', classes },
      { name: 'right', type: 'classification', classes },
    ],
    y: { left, right },
    notes: [`MultiFashion from "${source.name}": seed ${opts.seed}, ${ch}×${cw} canvas, offset ${OFFSET}, overlap by max, ${opts.resize ?? 'nearest'} resize`],
  };
  if (source.testRows !== undefined) out.testRows = source.testRows.slice();
  return out;
}

/** MultiFashion built from the shipped Fashion-MNIST subset. */
export async function loadMultiFashion(opts: MultiFashionOptions & BuiltinOptions): Promise<Dataset> {
  return makeMultiFashion(await loadBuiltin('fashion-mnist', opts), opts);
}

function drawPartners(source: Dataset, rng: () => number): Int32Array {
  const partner = new Int32Array(source.n);
  const parts = source.testRows === undefined ? [complementRows(source.n, [])] : [complementRows(source.n, source.testRows), source.testRows];
  for (const part of parts) {
    for (let k = 0; k < part.length; k++) {
      if (part.length === 1) {
        partner[part[k]!] = part[k]!;
        continue;
      }
      // Uniform over the part minus the row itself: draw from length-1 slots and skip k.
      const pick = randomInt(rng, part.length - 1);
      partner[part[k]!] = part[pick >= k ? pick + 1 : pick]!;
    }
  }
  return partner;
}

/** Pastes an h×w image at (offset, offset), keeping the brighter pixel where images overlap. */
function paste(canvas: Float32Array, canvasWidth: number, image: Float32Array, h: number, w: number, offset: number): void {
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      const at = (r + offset) * canvasWidth + col + offset;
      canvas[at] = Math.max(canvas[at]!, image[r * w + col]!);
    }
  }
}
