// WebAssembly text of column sums: out[c] = Σ_r x[r·columns + c] over float32 rows, added in
// float64 (wasmKernels/Sum.ts: every bias gradient is one). In JavaScript this loop was ~1 ns a
// float, 2.4 ms of the reference CNN's step; here it widens four floats to two pairs of doubles
// per load, 16 columns at a time so each row's cache line is read once.

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The lanes 2 and 3 of a v128 moved to lanes 0 and 1 (promote_low widens only the low two). */
const HIGH_HALF = '8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15';
/** Lanes 0, 1 of a and lanes 0, 1 of b (two demoted pairs into one f32x4). */
const LOW_PAIRS = '0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23';

/** $sum{width}(x, rows, rowBytes, out): the sums of `width` adjacent columns (width % 4 == 0, rows ≥ 1). */
function columnBlock(width: number): string {
  const vectors = width / 4;
  const accs = range(2 * vectors);
  return `
 (func $sum${width} (param $x i32) (param $rows i32) (param $rowBytes i32) (param $out i32)
  ${accs.map((a) => `(local $acc${a} v128)`).join(' ')} (local $v v128)
  (loop $row
   ${range(vectors).map((q) => `(local.set $v (v128.load offset=${q * 16} (local.get $x)))
   (local.set $acc${2 * q} (f64x2.add (local.get $acc${2 * q}) (f64x2.promote_low_f32x4 (local.get $v))))
   (local.set $acc${2 * q + 1} (f64x2.add (local.get $acc${2 * q + 1}) (f64x2.promote_low_f32x4 (i8x16.shuffle ${HIGH_HALF} (local.get $v) (local.get $v)))))`).join('\n   ')}
   (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
   (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
  ${range(vectors).map((q) => `(v128.store offset=${q * 16} (local.get $out) (i8x16.shuffle ${LOW_PAIRS}
   (f32x4.demote_f64x2_zero (local.get $acc${2 * q})) (f32x4.demote_f64x2_zero (local.get $acc${2 * q + 1}))))`).join('\n  ')})`;
}

/** columnSums(x, rows, columns, out): float32 in and out; no rows sum to 0. */
export const SUM_WAT = `
 ${columnBlock(16)}
 ${columnBlock(4)}
 (func $sum1 (param $x i32) (param $rows i32) (param $rowBytes i32) (param $out i32)
  (local $acc f64)
  (loop $row
   (local.set $acc (f64.add (local.get $acc) (f64.promote_f32 (f32.load (local.get $x)))))
   (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
   (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
  (f32.store (local.get $out) (f32.demote_f64 (local.get $acc))))
 (func (export "columnSums") (param $x i32) (param $rows i32) (param $columns i32) (param $out i32)
  (local $c i32) (local $rowBytes i32)
  (local.set $rowBytes (i32.shl (local.get $columns) (i32.const 2)))
  (if (i32.eqz (local.get $rows)) (then (call $zero (local.get $out) (local.get $rowBytes)) (return)))
  ${[16, 4, 1].map((w) => `(block $done${w} (loop $each${w}
   (br_if $done${w} (i32.gt_u (i32.add (local.get $c) (i32.const ${w})) (local.get $columns)))
   (call $sum${w} (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))) (local.get $rows) (local.get $rowBytes)
    (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
   (local.set $c (i32.add (local.get $c) (i32.const ${w})))
   (br $each${w})))`).join('\n  ')})`;
