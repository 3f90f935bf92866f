// The figures as a table for the terminal; the JSON file carries the same and more.
import { methodsTable } from './methods.ts';
import type { BenchResults } from './results.ts';

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function formatReport(r: BenchResults): string {
  const m = r.machine;
  const lines = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, load ${fmt(m.loadAverage, 1)}; Node ${m.node}, tfjs ${m.tfjs}, better-sqlite3 ${m.betterSqlite3}, torch ${m.torch ?? 'not found'}${m.torchBlas ? ` with ${m.torchBlas}` : ''}`,
    `Backend: ${m.backend} (${m.threads} thread${m.threads === 1 ? '' : 's'}) — ${m.backendReason}`,
    '',
  ];
  const trains = [
    ['train', 'reference CNN'],
    ['mlp', 'MLP 784-256-128-10'],
    ['features', 'feature extraction (head on cached features)'],
  ] as const;
  for (const [key, label] of trains) {
    const t = r[key];
    if (!t) continue;
    lines.push(
      `${label}: Graft ${fmt(t.graftSamplesPerSec)} samples/s, PyTorch ${fmt(t.pytorchSamplesPerSec)} → ${fmt(t.ratio, 2)}× ` +
        `(per CPU-second: ${fmt(t.graftCpuSamplesPerSec)} vs ${fmt(t.pytorchCpuSamplesPerSec)} → ${fmt(t.cpuRatio, 2)}×)` +
        (t.rounds.length > 1 ? `; median of ${t.rounds.length} rounds, ratios ${t.rounds.map((x) => fmt(x.ratio, 2)).join(' / ')}` : '') +
        (t.pytorchMissing ? ` — ${t.pytorchMissing}` : ''),
    );
  }
  if (r.profile) {
    for (const [name, p] of [['reference CNN', r.profile.cnn], ['MLP', r.profile.mlp]] as const) {
      const top = p.kernels.slice(0, 6).map((k) => `${k.kernel} ${fmt(k.ms, 1)}`).join(', ');
      lines.push(`profile (${name}): ${fmt(p.stepMs, 1)} CPU-ms a step, ${fmt(p.kernelsMs, 1)} in kernels: ${top}`);
    }
    for (const g of r.profile.gemm) {
      lines.push(`matmul ${g.m}×${g.k}×${g.n}: Graft ${fmt(g.graftGmacPerSec, 1)} GMAC/s, PyTorch ${fmt(g.pytorchGmacPerSec, 1)} → ${fmt(g.ratio, 2)}× (per CPU-second, same threads)`);
    }
  }
  if (r.logging) {
    const l = r.logging;
    lines.push(
      `logging: store ${fmt(l.storePointsPerSec)} points/s, bare insert ${fmt(l.ceilingPointsPerSec)} → ${fmt(l.ratio, 2)}×; ` +
        `one epoch's write ${fmt(l.epochWriteMs, 2)} ms = ${fmt(l.epochOverheadPct, 3)}% of a reference-CNN epoch`,
    );
  }
  if (r.compare) {
    const c = r.compare;
    lines.push(
      `compare: read + downsample ${c.runs} runs × ${fmt(c.pointsPerRun)} points: ${fmt(c.ms)} ms, ${fmt(c.cpuMs)} ms CPU ` +
        `(first read, building the overviews ${fmt(c.firstMs)} ms; every point read alone ${fmt(c.readMs)} ms; target < ${c.targetMs} ms)`,
    );
    if (c.render) {
      const cpu = c.render.serverCpuMs === null ? '' : `, graft serve ${fmt(c.render.serverCpuMs)} ms CPU`;
      lines.push(`compare: first render in Chromium ${fmt(c.render.ms)} ms${cpu} (target < ${c.render.targetMs} ms) — ${c.render.view}`);
    }
  }
  if (r.startup) {
    lines.push(`startup: graft serve to first page with data ${fmt(r.startup.ms)} ms (target ≤ ${r.startup.targetMs} ms; serve printed its URL after ${fmt(r.startup.serveMs)} ms)`);
    const p = r.startup.processes;
    if (p) {
      lines.push(`startup: node -e '' ${fmt(p.nodeMs)} ms (the floor, same run)`);
      lines.push(`startup: graft list ${fmt(p.listMs)} ms (target ≤ ${p.listTargetMs} ms)`);
      lines.push(`startup: training worker ready ${fmt(p.workerReadyMs)} ms (target ≤ ${p.workerTargetMs} ms)`);
    }
  }
  for (const p of r.concurrency ?? []) {
    lines.push(`concurrency (${p.workload === 'cnn' ? 'CNN runs' : 'small runs'}): ${p.workers} worker${p.workers === 1 ? '' : 's'}: ${fmt(p.runsPerMinute, 1)} runs/min (${p.runs} runs in ${fmt(p.seconds, 1)} s${p.failed ? `, ${p.failed} failed` : ''})`);
  }
  for (const f of r.methods ?? []) lines.push('', methodsTable(f));
  return lines.join('\n');
}
