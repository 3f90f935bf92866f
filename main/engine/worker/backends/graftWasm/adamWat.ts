// WebAssembly text of one Adam step over one variable (wasmKernels/AdamUpdate.ts says why).
//
//   m' = m·β1 + g·(1−β1)
//   v' = v·β2 + (g·g)·(1−β2)
//   x' = x + (m'·s) / (√v'·r + ε)     with s = −lr / (1−β1ᵗ) and r = 1 / √(1−β2ᵗ)
//
// That is tfjs' (m̂ / (√v̂ + ε))·(−lr) + x with the bias corrections folded into two scalars, as
// PyTorch writes it: one division and one square root per element instead of three and one.
// Division and square root are the slow SIMD instructions (they share one divider), and they
// bound the step: ~11 cycles per four elements here, in cache or not. The moments are tfjs' to the bit, but for
// subnormals (below); the weights differ from tfjs' by float32 rounding of the folded scalars
// (≤ 1e-6 relative, tested).
//
// Moments below the smallest normal float (2⁻¹²⁶ ≈ 1.2e-38) are stored as zero. A weight whose
// gradient stays zero (the inputs of a dead ReLU unit, a pixel that is always 0) has m shrink by
// β1 every step until it reaches the smallest subnormal, where m·β1 rounds back to itself: it
// stays subnormal for good, and so does v ~70,000 steps later. WebAssembly keeps subnormals
// (no flush-to-zero mode), and arithmetic on them is slow on x86: with 30 % of the reference
// MLP's first-layer moments stuck there, its Adam step took 2.5× as long. A subnormal moment
// moves its weight by under 1e-38·lr, below the float32 spacing of any weight that is not
// itself ~0, so zero is the same update.

/** 2⁻¹²⁶, the smallest normal float32. */
const SMALLEST_NORMAL = '0x1p-126';

/** The update written once for a vector type: `op` names an instruction (`add` → f32x4.add or f32.add). */
function update(kind: 'f32x4' | 'f32', load: (p: string) => string, store: (p: string, value: string) => string, scalar: (s: string) => string): string {
  const op = (name: string, ...args: string[]): string => `(${kind}.${name} ${args.join(' ')})`;
  // The local, or 0 where its magnitude is below 2⁻¹²⁶ (NaN stays NaN: a diverged run must show).
  const flushed = (local: string, magnitude: string): string => {
    const value = `(local.get ${local})`;
    const subnormal = op('lt', magnitude, kind === 'f32x4' ? '(local.get $tiny4)' : `(f32.const ${SMALLEST_NORMAL})`);
    const result = kind === 'f32x4' ? `(v128.andnot ${value} ${subnormal})` : `(select (f32.const 0) ${value} ${subnormal})`;
    return `(local.set ${local} ${result})`;
  };
  const m1 = op('add', op('mul', load('m'), scalar('b1')), op('mul', '(local.get $gi)', scalar('ob1')));
  const v1 = op('add', op('mul', load('v'), scalar('b2')), op('mul', op('mul', '(local.get $gi)', '(local.get $gi)'), scalar('ob2')));
  const x1 = op(
    'add',
    load('x'),
    op('div', op('mul', '(local.get $mi)', scalar('s')), op('add', op('mul', op('sqrt', '(local.get $vi)'), scalar('r')), scalar('eps'))),
  );
  return `(local.set $gi ${load('g')})
    (local.set $mi ${m1})
    ${flushed('$mi', op('abs', '(local.get $mi)'))}
    (local.set $vi ${v1})
    ${flushed('$vi', '(local.get $vi)')}
    ${store('mo', '(local.get $mi)')}
    ${store('vo', '(local.get $vi)')}
    ${store('xo', x1)}`;
}

const SCALARS = ['b1', 'b2', 'ob1', 'ob2', 'eps', 's', 'r'];

/**
 * adam(x, m, v, g, x', m', v', n, β1, β2, 1−β1, 1−β2, ε, s, r): pointers are heap
 * byte addresses, n floats; four at a time, then one at a time for the rest.
 */
export const ADAM_WAT = `
 (func (export "adam") (param $x i32) (param $m i32) (param $v i32) (param $g i32) (param $xo i32) (param $mo i32) (param $vo i32)
   (param $n i32) ${SCALARS.map((s) => `(param $${s} f32)`).join(' ')}
  (local $i i32) (local $vecEnd i32) (local $end i32)
  ${SCALARS.map((s) => `(local $${s}4 v128)`).join(' ')}
  (local $gi v128) (local $mi v128) (local $vi v128) (local $tiny4 v128)
  ${SCALARS.map((s) => `(local.set $${s}4 (f32x4.splat (local.get $${s})))`).join(' ')}
  (local.set $tiny4 (f32x4.splat (f32.const ${SMALLEST_NORMAL})))
  (local.set $vecEnd (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
  (local.set $end (i32.shl (local.get $n) (i32.const 2)))
  (block $done (loop $vec
   (br_if $done (i32.ge_u (local.get $i) (local.get $vecEnd)))
   ${update(
     'f32x4',
     (p) => `(v128.load (i32.add (local.get $${p}) (local.get $i)))`,
     (p, value) => `(v128.store (i32.add (local.get $${p}) (local.get $i)) ${value})`,
     (s) => `(local.get $${s}4)`,
   )}
   (local.set $i (i32.add (local.get $i) (i32.const 16)))
   (br $vec)))
  (call $adamTail (local.get $x) (local.get $m) (local.get $v) (local.get $g) (local.get $xo) (local.get $mo) (local.get $vo)
   (local.get $i) (local.get $end) ${SCALARS.map((s) => `(local.get $${s})`).join(' ')}))
 (func $adamTail (param $x i32) (param $m i32) (param $v i32) (param $g i32) (param $xo i32) (param $mo i32) (param $vo i32)
   (param $i i32) (param $end i32) ${SCALARS.map((s) => `(param $${s} f32)`).join(' ')}
  (local $gi f32) (local $mi f32) (local $vi f32)
  (block $done (loop $one
   (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
   ${update(
     'f32',
     (p) => `(f32.load (i32.add (local.get $${p}) (local.get $i)))`,
     (p, value) => `(f32.store (i32.add (local.get $${p}) (local.get $i)) ${value})`,
     (s) => `(local.get $${s})`,
   )}
   (local.set $i (i32.add (local.get $i) (i32.const 4)))
   (br $one))))`;
