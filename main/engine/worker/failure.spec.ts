import { describe, expect, it } from 'vitest';
import { DataError } from '../../data/errors.ts';
import { classifyRunError } from './failure.ts';

describe('classifyRunError', () => {
  it('tells bad data, exhausted memory and other training errors apart, keeping the message', () => {
    expect(classifyRunError(new DataError('no column "y"', { file: 'a.csv' }))).toEqual({ kind: 'data', message: 'a.csv: no column "y"' });
    expect(classifyRunError(new RangeError('Array buffer allocation failed'))).toEqual({ kind: 'out-of-memory', message: 'Array buffer allocation failed' });
    const wasm = Object.assign(new Error('Cannot enlarge memory, requested 9 bytes'), { name: 'RuntimeError' });
    expect(classifyRunError(wasm).kind).toBe('out-of-memory');
    expect(classifyRunError(new RangeError('Invalid array length')).kind).toBe('training');
    expect(classifyRunError(new TypeError('x is undefined'))).toEqual({ kind: 'training', message: 'x is undefined' });
    expect(classifyRunError('thrown string')).toEqual({ kind: 'training', message: 'thrown string' });
  });
});
