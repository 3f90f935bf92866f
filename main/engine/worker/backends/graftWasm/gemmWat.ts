// The WebAssembly text of Graft's single-precision matrix product, generated for one tile shape.
//
// Why our own: the wasm backend's XNNPACK matmul runs at ~14–16 GMAC/s on one core here, and
// half that when its right operand is a tensor it has not seen (it re-packs the weights that
// every Adam step replaces). This packed product, GotoBLAS-style, runs at ~18–20 GMAC/s with
// SIMD mul+add and ~20–25 with relaxed-SIMD fused multiply-add (bench/gemm.ts), and takes any
// strides, so transposed operands, batches and im2col patches need no copy first.
//
// Shape of the work (C[m×n] = A[m×k]·B[k×n]; every stride is in bytes, so Aᵀ or Bᵀ is only a
// different pair of strides):
// - k is cut into blocks of KC; each block of B is packed into NR-wide column panels
//   (zero-padded past n), so the tile loop reads B contiguously from L2;
// - for each MR rows of A, those rows are packed k-major (MR floats per k), so the tile
//   loop reads A with constant offsets;
// - `tile` keeps an MR×NR block of C in MR·NR/4 SIMD registers across the k loop; partial tiles
//   at the right and bottom edges go through a small scratch tile.
// MR = 4, NR = 8 keeps 8 accumulators + 2 B vectors + 4 A splats within the 16 registers V8
// allocates on x64; bigger tiles spilled and ran at half speed.

export interface GemmShape {
  /** Rows of A per tile. */
  MR: number;
  /** Columns of B per tile, in 4-float SIMD vectors. NR = 4·NV must be a power of two. */
  NV: number;
  /** Depth of one k block. */
  KC: number;
  /** Use f32x4.relaxed_madd (one rounding, like an FMA) instead of mul then add. */
  fma: boolean;
}

export const GEMM_SHAPE: Omit<GemmShape, 'fma'> = { MR: 4, NV: 2, KC: 512 };

/** Floats of scratch `gemm` needs for a product with n columns. */
export function gemmScratchFloats(n: number): number {
  const { MR, NV, KC } = GEMM_SHAPE;
  const NR = NV * 4;
  return KC * Math.ceil(n / NR) * NR + MR * KC + MR * NR;
}

/**
 * WebAssembly instructions writing the transpose of the 4×4 block whose rows start at src,
 * src + stride, …: its column j goes to dst + j·dstStride. Uses the locals $from, $to, $step,
 * $r0…$r3, $lo, $hi, $lo2, $hi2 of the function it is in. Each argument is evaluated once.
 */
function transpose4(src: string, stride: string, dst: string, dstStride: string): string {
  const row = (r: number): string => `(v128.load (i32.add (local.get $from) (i32.mul (local.get $step) (i32.const ${r}))))`;
  // (a0 b0 a1 b1), (a2 b2 a3 b3) from rows a, b; then (a0 b0 c0 d0) … from those of a, b and c, d.
  const low = '0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23';
  const high = '8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31';
  const first = '0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23';
  const second = '8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31';
  const store = (pattern: string, a: string, b: string): string =>
    `(v128.store (local.get $to) (i8x16.shuffle ${pattern} (local.get ${a}) (local.get ${b})))
    (local.set $to (i32.add (local.get $to) (local.get $step)))`;
  return `(local.set $from ${src}) (local.set $step ${stride}) (local.set $to ${dst})
    (local.set $r0 ${row(0)}) (local.set $r1 ${row(1)}) (local.set $r2 ${row(2)}) (local.set $r3 ${row(3)})
    (local.set $lo (i8x16.shuffle ${low} (local.get $r0) (local.get $r1)))
    (local.set $hi (i8x16.shuffle ${high} (local.get $r0) (local.get $r1)))
    (local.set $lo2 (i8x16.shuffle ${low} (local.get $r2) (local.get $r3)))
    (local.set $hi2 (i8x16.shuffle ${high} (local.get $r2) (local.get $r3)))
    (local.set $step ${dstStride})
    ${store(first, '$lo', '$lo2')}
    ${store(second, '$lo', '$lo2')}
    ${store(first, '$hi', '$hi2')}
    ${store(second, '$hi', '$hi2')}`;
}

/**
 * Packing four floats at a time (the scalar loops in packA and packB copy one), for the layouts
 * training multiplies most: Aᵀ, whose four rows lie side by side at each k, one vector per k;
 * row-major A and Bᵀ, whose rows run along k, four k at a time through a 4×4 transpose in
 * registers. Packing was ~10 % of the MLP's products.
 */
const PACK4 = `
 ;; dst[kk] = the four floats at src + kk·ks.
 (func $packA4Columns (param $src i32) (param $ks i32) (param $kc i32) (param $dst i32)
  (loop $k
   (v128.store (local.get $dst) (v128.load (local.get $src)))
   (local.set $src (i32.add (local.get $src) (local.get $ks)))
   (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
   (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1))))))
 ;; dst[kk][r] = row r's float kk, for the rows src + r·rs (k contiguous) that write
 ;; width·4 bytes per kk into dst: four k per round as 4×4 transposes, then one at a time.
 (func $packAlongK (param $src i32) (param $rs i32) (param $rows i32) (param $kc i32) (param $dst i32) (param $width i32)
  (local $r i32) (local $from i32) (local $to i32) (local $step i32)
  (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $lo v128) (local $hi v128) (local $lo2 v128) (local $hi2 v128)
  (block $done (loop $four
   (br_if $done (i32.lt_u (local.get $kc) (i32.const 4)))
   (local.set $r (i32.const 0))
   (loop $block
    ${transpose4('(i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rs)))', '(local.get $rs)', '(i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2)))', '(i32.shl (local.get $width) (i32.const 2))')}
    (br_if $block (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 4))) (local.get $rows))))
   (local.set $src (i32.add (local.get $src) (i32.const 16)))
   (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 4))))
   (local.set $kc (i32.sub (local.get $kc) (i32.const 4)))
   (br $four)))
  (block $end (loop $one
   (br_if $end (i32.eqz (local.get $kc)))
   (local.set $r (i32.const 0))
   (loop $each
    (f32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))) (f32.load (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rs)))))
    (br_if $each (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows))))
   (local.set $src (i32.add (local.get $src) (i32.const 4)))
   (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 2))))
   (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
   (br $one))))`;

/** The product's functions (packB, packA, copyBlock, tile and the exported gemm), without the module around them. */
export function gemmWat({ MR, NV, KC, fma }: GemmShape): string {

  const NR = NV * 4;
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  const madd = (a: string, b: string, c: string): string => fma ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add ${c} (f32x4.mul ${a} ${b}))`;
  const accs = range(MR * NV).map((j) => `(local $c${j} v128)`).join(' ');
  const bvs = range(NV).map((v) => `(local $b${v} v128)`).join(' ');
  const avs = range(MR).map((r) => `(local $a${r} v128)`).join(' ');
  const tile = `
 (func $tile (param $ap i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $kc i32) (param $acc i32)
  ${accs} ${bvs} ${avs}
  (if (local.get $acc) (then
   ${range(MR).map((r) => range(NV).map((v) => `(local.set $c${r * NV + v} (v128.load offset=${v * 16} (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const ${r})))))`).join(' ')).join('\n   ')}))
  (loop $k
   ${range(NV).map((v) => `(local.set $b${v} (v128.load offset=${v * 16} (local.get $bp)))`).join(' ')}
   ${range(MR).map((r) => `(local.set $a${r} (v128.load32_splat offset=${r * 4} (local.get $ap)))`).join(' ')}
   ${range(MR).map((r) => range(NV).map((v) => `(local.set $c${r * NV + v} ${madd(`(local.get $a${r})`, `(local.get $b${v})`, `(local.get $c${r * NV + v})`)})`).join(' ')).join('\n   ')}
   (local.set $ap (i32.add (local.get $ap) (i32.const ${MR * 4})))
   (local.set $bp (i32.add (local.get $bp) (i32.const ${NR * 4})))
   (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
  ${range(MR).map((r) => range(NV).map((v) => `(v128.store offset=${v * 16} (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const ${r}))) (local.get $c${r * NV + v}))`).join(' ')).join('\n  ')})`;
  return `
 ;; dst[p][kk][j] = B[kk][p·NR + j], zero past column n. ks, cs: byte strides of B's rows and columns.
 (func $packB (param $src i32) (param $ks i32) (param $cs i32) (param $kc i32) (param $n i32) (param $dst i32)
  (local $p i32) (local $kk i32) (local $j i32) (local $col i32) (local $row i32)
  (local.set $p (i32.const 0))
  (block $doneP (loop $panels
   (br_if $doneP (i32.ge_u (local.get $p) (local.get $n)))
   (local.set $kk (i32.const 0))
   (local.set $row (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $cs))))
   ;; A whole panel of Bᵀ (its columns run along k): four k at a time.
   (if (i32.and (i32.eq (local.get $ks) (i32.const 4)) (i32.le_u (i32.add (local.get $p) (i32.const ${NR})) (local.get $n)))
    (then
     (call $packAlongK (local.get $row) (local.get $cs) (i32.const ${NR}) (local.get $kc) (local.get $dst) (i32.const ${NR}))
     (local.set $dst (i32.add (local.get $dst) (i32.mul (local.get $kc) (i32.const ${NR * 4}))))
     (local.set $kk (local.get $kc))))
   (block $doneK (loop $rows
    (br_if $doneK (i32.ge_u (local.get $kk) (local.get $kc)))
    (if (i32.and (i32.eq (local.get $cs) (i32.const 4)) (i32.le_u (i32.add (local.get $p) (i32.const ${NR})) (local.get $n)))
     (then ${range(NV).map((v) => `(v128.store offset=${v * 16} (local.get $dst) (v128.load offset=${v * 16} (local.get $row)))`).join(' ')})
     (else
      (local.set $j (i32.const 0))
      (loop $cols
       (local.set $col (i32.add (local.get $p) (local.get $j)))
       (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2)))
        (if (result f32) (i32.lt_u (local.get $col) (local.get $n))
         (then (f32.load (i32.add (local.get $row) (i32.mul (local.get $j) (local.get $cs)))))
         (else (f32.const 0))))
       (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const ${NR}))))))
    (local.set $dst (i32.add (local.get $dst) (i32.const ${NR * 4})))
    (local.set $row (i32.add (local.get $row) (local.get $ks)))
    (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
    (br $rows)))
   (local.set $p (i32.add (local.get $p) (i32.const ${NR})))
   (br $panels))))
 ;; dst[kk][r] = A[r][kk] for r < rows, zero below. rs, ks: byte strides of A's rows and k.
 (func $packA (param $src i32) (param $rs i32) (param $ks i32) (param $rows i32) (param $kc i32) (param $dst i32)
  (local $r i32) (local $kk i32) (local $from i32) (local $to i32)
  ${MR === 4 ? `(if (i32.eq (local.get $rows) (i32.const 4)) (then
   (if (i32.eq (local.get $rs) (i32.const 4)) (then (call $packA4Columns (local.get $src) (local.get $ks) (local.get $kc) (local.get $dst)) (return)))
   (if (i32.eq (local.get $ks) (i32.const 4)) (then (call $packAlongK (local.get $src) (local.get $rs) (i32.const 4) (local.get $kc) (local.get $dst) (i32.const 4)) (return)))))` : ''}
  (local.set $r (i32.const 0))
  (loop $each
   (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
   (local.set $kk (local.get $kc))
   (if (i32.lt_u (local.get $r) (local.get $rows))
    (then
     (local.set $from (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rs))))
     (loop $k
      (f32.store (local.get $to) (f32.load (local.get $from)))
      (local.set $from (i32.add (local.get $from) (local.get $ks)))
      (local.set $to (i32.add (local.get $to) (i32.const ${MR * 4})))
      (br_if $k (local.tee $kk (i32.sub (local.get $kk) (i32.const 1))))))
    (else
     (loop $z
      (f32.store (local.get $to) (f32.const 0))
      (local.set $to (i32.add (local.get $to) (i32.const ${MR * 4})))
      (br_if $z (local.tee $kk (i32.sub (local.get $kk) (i32.const 1)))))))
   (br_if $each (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const ${MR})))))
 ${PACK4} ;; Copies a rows×cols block between C (row stride ldc bytes) and the NR-wide temporary tile.
 (func $copyBlock (param $from i32) (param $fromStride i32) (param $to i32) (param $toStride i32) (param $rows i32) (param $cols i32)
  (local $r i32) (local $j i32)
  (block $done (loop $row
   (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
   (local.set $j (i32.const 0))
   (block $doneJ (loop $col
    (br_if $doneJ (i32.ge_u (local.get $j) (local.get $cols)))
    (f32.store (i32.add (i32.add (local.get $to) (i32.mul (local.get $r) (local.get $toStride))) (i32.shl (local.get $j) (i32.const 2)))
     (f32.load (i32.add (i32.add (local.get $from) (i32.mul (local.get $r) (local.get $fromStride))) (i32.shl (local.get $j) (i32.const 2)))))
    (local.set $j (i32.add (local.get $j) (i32.const 1)))
    (br $col)))
   (local.set $r (i32.add (local.get $r) (i32.const 1)))
   (br $row))))
 ${tile}
 ;; C = A·B, or C += A·B when accumulate is 1.
 ;; work: ${KC}·ceil(n/${NR})·${NR} + ${MR}·${KC} + ${MR}·${NR} floats of scratch.
 (func (export "gemm") (param $a i32) (param $ars i32) (param $aks i32) (param $b i32) (param $bks i32) (param $bcs i32)
       (param $c i32) (param $m i32) (param $k i32) (param $n i32) (param $work i32) (param $accumulate i32)
  (local $k0 i32) (local $kc i32) (local $i i32) (local $rows i32) (local $p i32) (local $cols i32)
  (local $wA i32) (local $wT i32) (local $ldc i32) (local $cp i32) (local $bp i32) (local $acc i32)
  (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
  (local.set $wA (i32.add (local.get $work) (i32.mul (i32.const ${KC * 4}) (i32.and (i32.add (local.get $n) (i32.const ${NR - 1})) (i32.const ${-NR})))))
  (local.set $wT (i32.add (local.get $wA) (i32.const ${MR * KC * 4})))
  (block $doneK (loop $kblocks
   (br_if $doneK (i32.ge_u (local.get $k0) (local.get $k)))
   (local.set $kc (i32.sub (local.get $k) (local.get $k0)))
   (if (i32.gt_u (local.get $kc) (i32.const ${KC})) (then (local.set $kc (i32.const ${KC}))))
   (local.set $acc (i32.or (local.get $accumulate) (i32.ne (local.get $k0) (i32.const 0))))
   (call $packB (i32.add (local.get $b) (i32.mul (local.get $k0) (local.get $bks))) (local.get $bks) (local.get $bcs) (local.get $kc) (local.get $n) (local.get $work))
   (local.set $i (i32.const 0))
   (block $doneI (loop $iblocks
    (br_if $doneI (i32.ge_u (local.get $i) (local.get $m)))
    (local.set $rows (i32.sub (local.get $m) (local.get $i)))
    (if (i32.gt_u (local.get $rows) (i32.const ${MR})) (then (local.set $rows (i32.const ${MR}))))
    (call $packA (i32.add (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))) (i32.mul (local.get $k0) (local.get $aks)))
     (local.get $ars) (local.get $aks) (local.get $rows) (local.get $kc) (local.get $wA))
    (local.set $p (i32.const 0))
    (local.set $bp (local.get $work))
    (block $doneP (loop $panels
     (br_if $doneP (i32.ge_u (local.get $p) (local.get $n)))
     (local.set $cols (i32.sub (local.get $n) (local.get $p)))
     (if (i32.gt_u (local.get $cols) (i32.const ${NR})) (then (local.set $cols (i32.const ${NR}))))
     (local.set $cp (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $p)) (i32.const 2))))
     (if (i32.and (i32.eq (local.get $rows) (i32.const ${MR})) (i32.eq (local.get $cols) (i32.const ${NR})))
      (then (call $tile (local.get $wA) (local.get $bp) (local.get $cp) (local.get $ldc) (local.get $kc) (local.get $acc)))
      (else
       (if (local.get $acc) (then (call $copyBlock (local.get $cp) (local.get $ldc) (local.get $wT) (i32.const ${NR * 4}) (local.get $rows) (local.get $cols))))
       (call $tile (local.get $wA) (local.get $bp) (local.get $wT) (i32.const ${NR * 4}) (local.get $kc) (local.get $acc))
       (call $copyBlock (local.get $wT) (i32.const ${NR * 4}) (local.get $cp) (local.get $ldc) (local.get $rows) (local.get $cols))))
     (local.set $bp (i32.add (local.get $bp) (i32.mul (local.get $kc) (i32.const ${NR * 4}))))
     (local.set $p (i32.add (local.get $p) (i32.const ${NR})))
     (br $panels)))
    (local.set $i (i32.add (local.get $i) (i32.const ${MR})))
    (br $iblocks)))
   (local.set $k0 (i32.add (local.get $k0) (i32.const ${KC})))
   (br $kblocks))))`;
}