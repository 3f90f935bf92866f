// WebAssembly text of the max-pool gradient for the common window: 2×2 at stride 2, channels
// a multiple of 4. Channels-last (NHWC) lets one f32x4 cover four channels of one window
// position; MaxPoolGrad.ts takes every other case through its JavaScript loops.

/**
 * Per 4 channels of one window, inputs a b / c d (row-major window order): the running max
 * starts at -∞ and each next input wins only if strictly greater, so the FIRST largest input
 * takes dy, NaN never wins, and a window of only -∞/NaN routes nothing — the JS loops' rule.
 * The winner's lane mask selects dy, the others get +0: every dx element under a window is
 * written exactly once (windows do not overlap), so dx needs no zero fill except outside all
 * windows (odd trailing row/column), which the caller clears.
 */
export const POOL_WAT = `
 (func (export "maxPoolGrad2x2")
  (param $x i32) (param $dy i32) (param $dx i32)
  (param $batch i32) (param $inH i32) (param $inW i32) (param $c i32) (param $outH i32) (param $outW i32)
  (local $cb i32) (local $row i32) (local $n i32) (local $oy i32) (local $ox i32)
  (local $base i32) (local $q i32) (local $end i32) (local $xq i32) (local $dq i32)
  (local $a v128) (local $b v128) (local $c2 v128) (local $d v128) (local $g v128)
  (local $best v128) (local $ma v128) (local $mb v128) (local $mc v128) (local $md v128)
  (local $acc v128) (local $ninf v128)
  (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
  (local.set $row (i32.mul (local.get $inW) (local.get $cb)))
  (local.set $ninf (f32x4.splat (f32.const -inf)))
  (if (i32.or (i32.or (i32.eqz (local.get $batch)) (i32.eqz (local.get $outH)))
              (i32.or (i32.eqz (local.get $outW)) (i32.eqz (local.get $c))))
   (then (return)))
  (local.set $n (i32.const 0))
  (loop $batches
   (local.set $oy (i32.const 0))
   (loop $rows
    ;; byte offset of input row 2·oy of image n (same layout in x and dx)
    (local.set $base (i32.mul (i32.add (i32.mul (local.get $n) (local.get $inH)) (i32.shl (local.get $oy) (i32.const 1)))
                              (local.get $row)))
    (local.set $ox (i32.const 0))
    (loop $cols
     (local.set $q (local.get $base))
     (local.set $end (i32.add (local.get $base) (local.get $cb)))
     (loop $channels
      (local.set $xq (i32.add (local.get $x) (local.get $q)))
      (local.set $a (v128.load (local.get $xq)))
      (local.set $b (v128.load (i32.add (local.get $xq) (local.get $cb))))
      (local.set $c2 (v128.load (i32.add (local.get $xq) (local.get $row))))
      (local.set $d (v128.load (i32.add (i32.add (local.get $xq) (local.get $row)) (local.get $cb))))
      (local.set $g (v128.load (local.get $dy)))
      (local.set $ma (f32x4.gt (local.get $a) (local.get $ninf)))
      (local.set $best (v128.bitselect (local.get $a) (local.get $ninf) (local.get $ma)))
      (local.set $mb (f32x4.gt (local.get $b) (local.get $best)))
      (local.set $best (v128.bitselect (local.get $b) (local.get $best) (local.get $mb)))
      (local.set $mc (f32x4.gt (local.get $c2) (local.get $best)))
      (local.set $best (v128.bitselect (local.get $c2) (local.get $best) (local.get $mc)))
      (local.set $md (f32x4.gt (local.get $d) (local.get $best)))
      ;; the last input that raised the max is the first largest one
      (local.set $dq (i32.add (local.get $dx) (local.get $q)))
      (v128.store (i32.add (i32.add (local.get $dq) (local.get $row)) (local.get $cb))
       (v128.and (local.get $g) (local.get $md)))
      (v128.store (i32.add (local.get $dq) (local.get $row))
       (v128.and (local.get $g) (v128.andnot (local.get $mc) (local.get $md))))
      (local.set $acc (v128.or (local.get $mc) (local.get $md)))
      (v128.store (i32.add (local.get $dq) (local.get $cb))
       (v128.and (local.get $g) (v128.andnot (local.get $mb) (local.get $acc))))
      (local.set $acc (v128.or (local.get $acc) (local.get $mb)))
      (v128.store (local.get $dq)
       (v128.and (local.get $g) (v128.andnot (local.get $ma) (local.get $acc))))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br_if $channels (i32.lt_u (local.get $q) (local.get $end))))
     ;; next window: two input columns on
     (local.set $base (i32.add (local.get $base) (i32.shl (local.get $cb) (i32.const 1))))
     (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
     (br_if $cols (i32.lt_u (local.get $ox) (local.get $outW))))
    (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
    (br_if $rows (i32.lt_u (local.get $oy) (local.get $outH))))
   (local.set $n (i32.add (local.get $n) (i32.const 1)))
   (br_if $batches (i32.lt_u (local.get $n) (local.get $batch)))))`;
