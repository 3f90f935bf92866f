import { describe, expect, it } from 'vitest';
import { judgeTorchBlas, parseTorchBlasProbe } from './torchBlas.ts';

// torch.__config__.show() of Debian's python3-torch (abridged) and of a pip wheel.
const DEBIAN_CONFIG = 'PyTorch built with:\n  - GCC 14.2\n  - CPU capability usage: AVX2\n  - Build settings: BLAS_INFO=generic, BUILD_TYPE=Release, LAPACK_INFO=generic, USE_MKL=OFF, USE_OPENMP=ON\n';
const WHEEL_CONFIG = 'PyTorch built with:\n  - Intel(R) oneAPI Math Kernel Library Version 2024.2\n  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, LAPACK_INFO=mkl, USE_MKL=ON\n';

describe('judgeTorchBlas', () => {
  it('refuses the netlib reference BLAS Debian falls back to, saying what to install', () => {
    const verdict = judgeTorchBlas({ config: DEBIAN_CONFIG, mapped: ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.12.1'], threadpools: null });
    expect(verdict.crippled).toBe(true);
    expect(verdict.blas).toBe('netlib reference BLAS (/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.12.1)');
    expect(verdict.advice).toContain('apt-get install libopenblas0-pthread');
  });

  it('accepts the same torch once OpenBLAS provides libblas.so.3', () => {
    const verdict = judgeTorchBlas({ config: DEBIAN_CONFIG, mapped: ['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3'], threadpools: ['openblas'] });
    expect(verdict).toEqual({ blas: 'OpenBLAS (/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3)', crippled: false, advice: null });
  });

  it('accepts a pip wheel with MKL linked in, from its build settings or threadpoolctl', () => {
    expect(judgeTorchBlas({ config: WHEEL_CONFIG, mapped: [], threadpools: null })).toEqual({ blas: 'MKL (linked into torch)', crippled: false, advice: null });
    expect(judgeTorchBlas({ config: DEBIAN_CONFIG, mapped: [], threadpools: ['openmp', 'mkl'] }).blas).toBe('MKL');
  });

  it('records an unknown BLAS without refusing it', () => {
    expect(judgeTorchBlas({ config: DEBIAN_CONFIG, mapped: [], threadpools: [] })).toEqual({ blas: 'unknown (torch built with BLAS_INFO=generic)', crippled: false, advice: null });
  });
});

describe('parseTorchBlasProbe', () => {
  it('reads the last line the probe printed, and nothing else', () => {
    const line = JSON.stringify({ config: DEBIAN_CONFIG, mapped: ['/x/libblas.so.3'], threadpools: null });
    expect(parseTorchBlasProbe(`a warning\n${line}\n`)).toEqual({ config: DEBIAN_CONFIG, mapped: ['/x/libblas.so.3'], threadpools: null });
    expect(parseTorchBlasProbe('Traceback (most recent call last):\nImportError')).toBeNull();
    expect(parseTorchBlasProbe('{"config": 3}')).toBeNull();
  });
});
