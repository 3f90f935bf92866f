import { describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import { buildNet, transferNet } from './build.ts';

describe('transferNet', () => {
  it('leaves nothing behind once the new net is disposed: the replaced source head is freed too', () => {
    const variablesBefore = Object.keys(tf.engine().registeredVariables).length;
    const tensorsBefore = tf.memory().numTensors;
    const source = buildNet({ type: 'mlp', hidden: [6, 4], dropout: 0, batchNorm: false }, [5], 3, 1);
    const net = transferNet(source, 2, 7);
    expect(net.blocks.map((b) => b.name)).toEqual(['dense1', 'dense2', 'head']);
    net.model.dispose();
    expect(Object.keys(tf.engine().registeredVariables).length).toBe(variablesBefore);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
