// WebAssembly text of the data-movement and elementwise loops the training kernels run on the
// heap next to the matrix product. In JavaScript these loops cost ~1 ns per float (typed-array
// bounds checks, one float at a time); here they move four floats per instruction. All
// addresses and lengths are in bytes unless a name says floats.

/** `copy(from, to, bytes)` and `zero(to, bytes)`: 16 bytes at a time, then 4; bytes % 4 == 0. */
const COPY = `
 (func $copy (param $from i32) (param $to i32) (param $bytes i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $to) (i32.and (local.get $bytes) (i32.const -16))))
  (block $done (loop $vec
   (br_if $done (i32.ge_u (local.get $to) (local.get $end)))
   (v128.store (local.get $to) (v128.load (local.get $from)))
   (local.set $from (i32.add (local.get $from) (i32.const 16)))
   (local.set $to (i32.add (local.get $to) (i32.const 16)))
   (br $vec)))
  (local.set $end (i32.add (local.get $end) (i32.and (local.get $bytes) (i32.const 15))))
  (block $done (loop $one
   (br_if $done (i32.ge_u (local.get $to) (local.get $end)))
   (f32.store (local.get $to) (f32.load (local.get $from)))
   (local.set $from (i32.add (local.get $from) (i32.const 4)))
   (local.set $to (i32.add (local.get $to) (i32.const 4)))
   (br $one))))
 (func $zero (param $to i32) (param $bytes i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $to) (i32.and (local.get $bytes) (i32.const -16))))
  (block $done (loop $vec
   (br_if $done (i32.ge_u (local.get $to) (local.get $end)))
   (v128.store (local.get $to) (v128.const i32x4 0 0 0 0))
   (local.set $to (i32.add (local.get $to) (i32.const 16)))
   (br $vec)))
  (local.set $end (i32.add (local.get $end) (i32.and (local.get $bytes) (i32.const 15))))
  (block $done (loop $one
   (br_if $done (i32.ge_u (local.get $to) (local.get $end)))
   (f32.store (local.get $to) (f32.const 0))
   (local.set $to (i32.add (local.get $to) (i32.const 4)))
   (br $one))))`;

/**
 * im2col: the patches of an NHWC image batch as rows, cols[(b, oy, ox), (kh, kw, c)], zero where
 * a patch hangs over the padding. Sizes are in elements; x and cols are byte addresses. Same
 * loop as the JavaScript original in wasmKernels/im2col.ts, with the runs copied here.
 */
const IM2COL = `
 (func (export "im2col") (param $x i32) (param $cols i32) (param $batch i32)
   (param $inH i32) (param $inW i32) (param $c i32) (param $outH i32) (param $outW i32)
   (param $kH i32) (param $kW i32) (param $strideH i32) (param $strideW i32)
   (param $dilationH i32) (param $dilationW i32) (param $padTop i32) (param $padLeft i32)
  (local $b i32) (local $oy i32) (local $ox i32) (local $kh i32) (local $kw i32)
  (local $iy0 i32) (local $ix0 i32) (local $iy i32) (local $ix i32) (local $whole i32)
  (local $rowBytes i32) (local $cBytes i32) (local $rowAt i32) (local $image i32)
  (local.set $cBytes (i32.shl (local.get $c) (i32.const 2)))
  (local.set $rowBytes (i32.mul (local.get $kW) (local.get $cBytes)))
  (block $doneB (loop $eachB
   (br_if $doneB (i32.ge_u (local.get $b) (local.get $batch)))
   (local.set $image (i32.add (local.get $x) (i32.mul (i32.mul (local.get $b) (i32.mul (local.get $inH) (local.get $inW))) (local.get $cBytes))))
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
        (call $zero (local.get $cols) (local.get $rowBytes))
        (local.set $cols (i32.add (local.get $cols) (local.get $rowBytes))))
       (else
        (local.set $rowAt (i32.add (local.get $image) (i32.mul (i32.mul (local.get $iy) (local.get $inW)) (local.get $cBytes))))
        (if (local.get $whole)
         (then
          (call $copy (i32.add (local.get $rowAt) (i32.mul (local.get $ix0) (local.get $cBytes))) (local.get $cols) (local.get $rowBytes))
          (local.set $cols (i32.add (local.get $cols) (local.get $rowBytes))))
         (else
          (local.set $kw (i32.const 0))
          (block $doneKw (loop $eachKw
           (br_if $doneKw (i32.ge_u (local.get $kw) (local.get $kW)))
           (local.set $ix (i32.add (local.get $ix0) (i32.mul (local.get $kw) (local.get $dilationW))))
           (if (i32.or (i32.lt_s (local.get $ix) (i32.const 0)) (i32.ge_s (local.get $ix) (local.get $inW)))
            (then (call $zero (local.get $cols) (local.get $cBytes)))
            (else (call $copy (i32.add (local.get $rowAt) (i32.mul (local.get $ix) (local.get $cBytes))) (local.get $cols) (local.get $cBytes))))
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

/**
 * col2im, the adjoint of im2col: adds each patch row of cols[(b, oy, ox), (kh, kw, c)] back onto
 * the NHWC image it came from (dx += col2im(cols)); overlapping patches accumulate. Sizes in
 * elements, cols and dx byte addresses. One SIMD run of c floats per filter tap.
 */
const COL2IM = `
 (func (export "col2im") (param $cols i32) (param $dx i32) (param $batch i32) (param $inH i32) (param $inW i32) (param $c i32)
   (param $outH i32) (param $outW i32) (param $kH i32) (param $kW i32) (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32)
   (param $pT i32) (param $pL i32)
  (local $b i32) (local $oy i32) (local $ox i32) (local $kh i32) (local $kw i32) (local $iy i32) (local $ix i32)
  (local $img i32) (local $p i32) (local $at i32) (local $i i32) (local $c4 i32) (local $rowOk i32)
  (local.set $c4 (i32.shl (local.get $c) (i32.const 2)))
  (local.set $p (local.get $cols))
  (local.set $b (i32.const 0))
  (block $bDone (loop $bLoop
   (br_if $bDone (i32.ge_s (local.get $b) (local.get $batch)))
   (local.set $img (i32.add (local.get $dx) (i32.mul (local.get $b) (i32.mul (i32.mul (local.get $inH) (local.get $inW)) (local.get $c4)))))
   (local.set $oy (i32.const 0))
   (block $oyDone (loop $oyLoop
    (br_if $oyDone (i32.ge_s (local.get $oy) (local.get $outH)))
    (local.set $ox (i32.const 0))
    (block $oxDone (loop $oxLoop
     (br_if $oxDone (i32.ge_s (local.get $ox) (local.get $outW)))
     (local.set $kh (i32.const 0))
     (block $khDone (loop $khLoop
      (br_if $khDone (i32.ge_s (local.get $kh) (local.get $kH)))
      (local.set $iy (i32.add (i32.sub (i32.mul (local.get $oy) (local.get $sH)) (local.get $pT)) (i32.mul (local.get $kh) (local.get $dH))))
      (local.set $rowOk (i32.lt_u (local.get $iy) (local.get $inH)))
      (local.set $kw (i32.const 0))
      (block $kwDone (loop $kwLoop
       (br_if $kwDone (i32.ge_s (local.get $kw) (local.get $kW)))
       (local.set $ix (i32.add (i32.sub (i32.mul (local.get $ox) (local.get $sW)) (local.get $pL)) (i32.mul (local.get $kw) (local.get $dW))))
       (if (i32.and (local.get $rowOk) (i32.lt_u (local.get $ix) (local.get $inW)))
        (then
         (local.set $at (i32.add (local.get $img) (i32.mul (i32.add (i32.mul (local.get $iy) (local.get $inW)) (local.get $ix)) (local.get $c4))))
         (local.set $i (i32.const 0))
         (block $vDone (loop $vLoop
          (br_if $vDone (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $c4)))
          (v128.store (i32.add (local.get $at) (local.get $i))
           (f32x4.add (v128.load (i32.add (local.get $at) (local.get $i))) (v128.load (i32.add (local.get $p) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $vLoop)))
         (block $sDone (loop $sLoop
          (br_if $sDone (i32.ge_s (local.get $i) (local.get $c4)))
          (f32.store (i32.add (local.get $at) (local.get $i))
           (f32.add (f32.load (i32.add (local.get $at) (local.get $i))) (f32.load (i32.add (local.get $p) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $sLoop)))))
       (local.set $p (i32.add (local.get $p) (local.get $c4)))
       (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
       (br $kwLoop)))
      (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
      (br $khLoop)))
     (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
     (br $oxLoop)))
    (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
    (br $oyLoop)))
   (local.set $b (i32.add (local.get $b) (i32.const 1)))
   (br $bLoop))))`;

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

export function dataWat(): string {
  return COPY + IM2COL + COL2IM + RELU_GRAD;
}
