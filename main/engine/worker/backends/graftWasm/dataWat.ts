// WebAssembly text of the data-movement and elementwise loops the training kernels run on the
// heap next to the matrix product. In JavaScript these loops cost ~1 ns per float (typed-array
// bounds checks, one float at a time); here they move four floats per instruction. All
// addresses and lengths are in bytes unless a name says floats.

/**
 * A loop over the `bytes` at `to` (and as many at `from`), 16 at a time, then 4 (bytes % 4 == 0),
 * storing `vector` / `scalar` at `to`: the expression of the loads at those addresses.
 */
function runLoop(name: string, withFrom: boolean, vector: string, scalar: string): string {
  const step = (size: number): string =>
    withFrom ? `(local.set $from (i32.add (local.get $from) (i32.const ${size})))` : '';
  return `
 (func $${name} ${withFrom ? '(param $from i32) ' : ''}(param $to i32) (param $bytes i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $to) (i32.and (local.get $bytes) (i32.const -16))))
  (block $done (loop $vec
   (br_if $done (i32.ge_u (local.get $to) (local.get $end)))
   (v128.store (local.get $to) ${vector})
   ${step(16)}
   (local.set $to (i32.add (local.get $to) (i32.const 16)))
   (br $vec)))
  (local.set $end (i32.add (local.get $end) (i32.and (local.get $bytes) (i32.const 15))))
  (block $done (loop $one
   (br_if $done (i32.ge_u (local.get $to) (local.get $end)))
   (f32.store (local.get $to) ${scalar})
   ${step(4)}
   (local.set $to (i32.add (local.get $to) (i32.const 4)))
   (br $one))))`;
}

/** `copy(from, to, bytes)`, `zero(to, bytes)` and `addInto(from, to, bytes)` (to += from). */
const RUNS =
  runLoop('copy', true, '(v128.load (local.get $from))', '(f32.load (local.get $from))') +
  runLoop('zero', false, '(v128.const i32x4 0 0 0 0)', '(f32.const 0)') +
  runLoop(
    'addInto',
    true,
    '(f32x4.add (v128.load (local.get $to)) (v128.load (local.get $from)))',
    '(f32.add (f32.load (local.get $to)) (f32.load (local.get $from)))',
  );

/**
 * The walk im2col and col2im share: over every output position (b, oy, ox) and filter row kh,
 * the patch's row of kW·c floats in the image, one run per filter tap where the row is clipped
 * or dilated, and the padding it hangs over. `cols` advances past each run either way, so
 * the patch matrix is cols[(b, oy, ox), (kh, kw, c)]. Sizes are elements; image and cols are
 * byte addresses.
 */
function patchWalk(name: string, op: { run: (image: string, bytes: string) => string; padding: (bytes: string) => string }): string {
  return `
 (func (export "${name}") (param $image i32) (param $cols i32) (param $batch i32)
   (param $inH i32) (param $inW i32) (param $c i32) (param $outH i32) (param $outW i32)
   (param $kH i32) (param $kW i32) (param $strideH i32) (param $strideW i32)
   (param $dilationH i32) (param $dilationW i32) (param $padTop i32) (param $padLeft i32)
  (local $b i32) (local $oy i32) (local $ox i32) (local $kh i32) (local $kw i32)
  (local $iy0 i32) (local $ix0 i32) (local $iy i32) (local $ix i32) (local $whole i32)
  (local $rowBytes i32) (local $cBytes i32) (local $rowAt i32) (local $imageAt i32)
  (local.set $cBytes (i32.shl (local.get $c) (i32.const 2)))
  (local.set $rowBytes (i32.mul (local.get $kW) (local.get $cBytes)))
  (block $doneB (loop $eachB
   (br_if $doneB (i32.ge_u (local.get $b) (local.get $batch)))
   (local.set $imageAt (i32.add (local.get $image) (i32.mul (i32.mul (local.get $b) (i32.mul (local.get $inH) (local.get $inW))) (local.get $cBytes))))
   (local.set $oy (i32.const 0))
   (block $doneY (loop $eachY
    (br_if $doneY (i32.ge_u (local.get $oy) (local.get $outH)))
    (local.set $iy0 (i32.sub (i32.mul (local.get $oy) (local.get $strideH)) (local.get $padTop)))
    (local.set $ox (i32.const 0))
    (block $doneX (loop $eachX
     (br_if $doneX (i32.ge_u (local.get $ox) (local.get $outW)))
     (local.set $ix0 (i32.sub (i32.mul (local.get $ox) (local.get $strideW)) (local.get $padLeft)))
     (local.set $whole (i32.and (i32.eq (local.get $dilationW) (i32.const 1))
      (i32.and (i32.ge_s (local.get $ix0) (i32.const 0)) (i32.le_s (i32.add (local.get $ix0) (local.get $kW)) (local.get $inW)))))
     (local.set $kh (i32.const 0))
     (block $doneKh (loop $eachKh
      (br_if $doneKh (i32.ge_u (local.get $kh) (local.get $kH)))
      (local.set $iy (i32.add (local.get $iy0) (i32.mul (local.get $kh) (local.get $dilationH))))
      (if (i32.or (i32.lt_s (local.get $iy) (i32.const 0)) (i32.ge_s (local.get $iy) (local.get $inH)))
       (then
        ${op.padding('(local.get $rowBytes)')}
        (local.set $cols (i32.add (local.get $cols) (local.get $rowBytes))))
       (else
        (local.set $rowAt (i32.add (local.get $imageAt) (i32.mul (i32.mul (local.get $iy) (local.get $inW)) (local.get $cBytes))))
        (if (local.get $whole)
         (then
          ${op.run('(i32.add (local.get $rowAt) (i32.mul (local.get $ix0) (local.get $cBytes)))', '(local.get $rowBytes)')}
          (local.set $cols (i32.add (local.get $cols) (local.get $rowBytes))))
         (else
          (local.set $kw (i32.const 0))
          (block $doneKw (loop $eachKw
           (br_if $doneKw (i32.ge_u (local.get $kw) (local.get $kW)))
           (local.set $ix (i32.add (local.get $ix0) (i32.mul (local.get $kw) (local.get $dilationW))))
           (if (i32.or (i32.lt_s (local.get $ix) (i32.const 0)) (i32.ge_s (local.get $ix) (local.get $inW)))
            (then ${op.padding('(local.get $cBytes)')})
            (else ${op.run('(i32.add (local.get $rowAt) (i32.mul (local.get $ix) (local.get $cBytes)))', '(local.get $cBytes)')}))
           (local.set $cols (i32.add (local.get $cols) (local.get $cBytes)))
           (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
           (br $eachKw)))))))
      (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
      (br $eachKh)))
     (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
     (br $eachX)))
    (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
    (br $eachY)))
   (local.set $b (i32.add (local.get $b) (i32.const 1)))
   (br $eachB))))`;
}

/** im2col: cols = the patches of the images as rows, zero where a patch covers padding. */
const IM2COL = patchWalk('im2col', {
  run: (at, bytes) => `(call $copy ${at} (local.get $cols) ${bytes})`,
  padding: (bytes) => `(call $zero (local.get $cols) ${bytes})`,
});

/**
 * col2im, the adjoint: adds each patch row of cols back onto the image it came from
 * (image += col2im(cols)); overlapping patches accumulate, padding is skipped.
 */
const COL2IM = patchWalk('col2im', {
  run: (at, bytes) => `(call $addInto (local.get $cols) ${at} ${bytes})`,
  padding: () => '(nop)',
});

/**
 * reluGrad: dx = dy · step(x), four lanes at a time (n floats). step is 1 for x > 0, 0 for
 * x ≤ 0 and NaN for NaN, and the product is a real multiply, as in tfjs' own Relu gradient:
 * a NaN or ±∞ upstream stays visible instead of being masked to 0.
 */
const RELU_GRAD = `
 (func (export "reluGrad") (param $dy i32) (param $x i32) (param $dx i32) (param $n i32)
  (local $end i32) (local $tail i32) (local $xs v128) (local $x1 f32)
  (local.set $end (i32.add (local.get $dx) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
  (local.set $tail (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
  (block $done (loop $vec
   (br_if $done (i32.ge_u (local.get $dx) (local.get $end)))
   (local.set $xs (v128.load (local.get $x)))
   (v128.store (local.get $dx) (f32x4.mul (v128.load (local.get $dy))
    (v128.bitselect (local.get $xs)
     (v128.bitselect (v128.const f32x4 1 1 1 1) (v128.const f32x4 0 0 0 0) (f32x4.gt (local.get $xs) (v128.const f32x4 0 0 0 0)))
     (f32x4.ne (local.get $xs) (local.get $xs)))))
   (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
   (local.set $x (i32.add (local.get $x) (i32.const 16)))
   (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
   (br $vec)))
  (block $done (loop $one
   (br_if $done (i32.ge_u (local.get $dx) (local.get $tail)))
   (local.set $x1 (f32.load (local.get $x)))
   (f32.store (local.get $dx) (f32.mul (f32.load (local.get $dy))
    (select (local.get $x1) (select (f32.const 1) (f32.const 0) (f32.gt (local.get $x1) (f32.const 0))) (f32.ne (local.get $x1) (local.get $x1)))))
   (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
   (local.set $x (i32.add (local.get $x) (i32.const 4)))
   (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
   (br $one))))`;

/**
 * gatherRows: out's row i = x's row indices[i] (int32 indices, count of them; rows of rowBytes,
 * a multiple of 4). One call per batch: a training step's gather of 64 image rows was ~60 µs as
 * 64 JavaScript copies.
 */
const GATHER_ROWS = `
 (func (export "gatherRows") (param $x i32) (param $rowBytes i32) (param $indices i32) (param $count i32) (param $out i32)
  (block $done (loop $each
   (br_if $done (i32.eqz (local.get $count)))
   (call $copy (i32.add (local.get $x) (i32.mul (i32.load (local.get $indices)) (local.get $rowBytes))) (local.get $out) (local.get $rowBytes))
   (local.set $indices (i32.add (local.get $indices) (i32.const 4)))
   (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
   (local.set $count (i32.sub (local.get $count) (i32.const 1)))
   (br $each))))`;

export function dataWat(): string {
  return RUNS + IM2COL + COL2IM + RELU_GRAD + GATHER_ROWS;
}
