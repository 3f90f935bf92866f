import { describe, expect, it } from 'vitest';
import { installedNativeBackend } from './installed.ts';

const only = (...installed: string[]) => (id: string) => {
  if (!installed.includes(id)) throw new Error(`Cannot find module '${id}'`);
  return `/node_modules/${id}/index.js`;
};

describe('installedNativeBackend', () => {
  it('names the best native package that resolves, without loading it', () => {
    expect(installedNativeBackend(only('@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'))).toBe('tensorflow-gpu');
    expect(installedNativeBackend(only('@tensorflow/tfjs-node'))).toBe('tensorflow');
    expect(installedNativeBackend(only())).toBeNull();
  });

});
