// WebAssembly text of the per-layer loop of a fused dense stack (wasmKernels/DenseStack.ts):
// the bias and ReLU after each matrix product. Addresses are heap byte addresses, sizes in
// elements.

/**
 * biasRelu(y, bias, rows, cols, relu): y[r, c] = y[r, c] + bias[c] (bias 0: none), then
 * max(·, 0) when relu is 1 — in place, in the order tfjs' unfused Dense runs them (add, relu).
 */
const BIAS_RELU = `
 (func (export "biasRelu") (param $y i32) (param $bias i32) (param $rows i32) (param $cols i32) (param $relu i32)
  (local $r i32) (local $c i32) (local $at i32) (local $vecCols i32) (local $v v128) (local $s f32)
  (local.set $vecCols (i32.and (local.get $cols) (i32.const -4)))
  (block $doneR (loop $eachR
   (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
   (local.set $c (i32.const 0))
   (block $doneV (loop $eachV
    (br_if $doneV (i32.ge_u (local.get $c) (local.get $vecCols)))
    (local.set $at (i32.add (local.get $y) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2))))
    (local.set $v (v128.load (local.get $at)))
    (if (local.get $bias) (then
     (local.set $v (f32x4.add (local.get $v) (v128.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))))))
    (if (local.get $relu) (then
     ;; relu as a select, so a NaN stays NaN (f32x4.max would too, pmax would not)
     (local.set $v (v128.bitselect (v128.const f32x4 0 0 0 0) (local.get $v) (f32x4.lt (local.get $v) (v128.const f32x4 0 0 0 0))))))
    (v128.store (local.get $at) (local.get $v))
    (local.set $c (i32.add (local.get $c) (i32.const 4)))
    (br $eachV)))
   (block $doneS (loop $eachS
    (br_if $doneS (i32.ge_u (local.get $c) (local.get $cols)))
    (local.set $at (i32.add (local.get $y) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2))))
    (local.set $s (f32.load (local.get $at)))
    (if (local.get $bias) (then
     (local.set $s (f32.add (local.get $s) (f32.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))))))
    (if (local.get $relu) (then
     (local.set $s (select (f32.const 0) (local.get $s) (f32.lt (local.get $s) (f32.const 0))))))
    (f32.store (local.get $at) (local.get $s))
    (local.set $c (i32.add (local.get $c) (i32.const 1)))
    (br $eachS)))
   (local.set $r (i32.add (local.get $r) (i32.const 1)))
   (br $eachR))))`;

export const DENSE_WAT = BIAS_RELU;
