// Adam with one fused kernel per variable on the wasm backend.
import { tf } from '../tf.mjs';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../backends/wasmKernels/AdamUpdate.ts';

/** tfjs's AdamOptimizer keeps its state in private fields; this names the ones we use. */
type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

/**
 * tfjs's Adam, with the per-variable update done by one kernel (`GraftAdamUpdate`) on the wasm
 * backend instead of ~12 elementwise kernels each allocating a full-size tensor. The update is
 * tfjs's up to float32 rounding (the bias corrections are folded into two scalars, see
 * graftWasm/adamWat.ts), and the state — the moment variables, the iteration count — is tfjs's
 * own, so getWeights/setWeights/getConfig and saved checkpoints are unchanged. On other
 * backends, or if the kernel is not registered, it is tfjs's Adam.
 *
 * β1ᵗ and β2ᵗ (tfjs' accBeta1/accBeta2 scalar variables, which checkpoints do not hold) are
 * tracked here as numbers while the fused step runs: reading them back and multiplying them as
 * tensors cost two syncs and four kernel calls per block per step. Math.fround of the product of
 * two float32 values is exactly tfjs' float32 multiply, so the values are tfjs' own; they are
 * written back to the variables before tfjs' own step ever runs.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** β1ᵗ, β2ᵗ as float32 values while the fused step owns them; null when the variables do. */
  private powers: [number, number] | null = null;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
  }

  override applyGradients(variableGradients: VariableGradients): void {
    if (tf.getBackend() !== 'wasm' || tf.getKernel(ADAM_UPDATE, 'wasm') === undefined) {
      this.writeBackPowers();
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    this.powers ??= [state.accBeta1.dataSync()[0]!, state.accBeta2.dataSync()[0]!];
    const [accBeta1, accBeta2] = this.powers;
    const attrs: AdamUpdateAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      oneMinusBeta1: 1 - this.beta1,
      oneMinusBeta2: 1 - this.beta2,
      epsilon: this.epsilon,
      oneMinusAccBeta1: 1 - accBeta1,
      oneMinusAccBeta2: 1 - accBeta2,
    };
    const engine = tf.engine();
    const backend = tf.backend() as unknown as { refCount(dataId: object): number };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = engine.registeredVariables[name];
        if (value === undefined) throw new Error(`FusedAdamOptimizer: no variable named ${name}`);
        // Moments are created lazily, keyed by position, with tfjs's names: as tfjs's Adam does.
        state.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        state.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i]?.tensor : variableGradients[name];
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i].variable;
        const v = state.accumulatedSecondMoment[i].variable;
        // The moments are updated in place unless their data is shared (a clone of them, the
        // tensor setWeights was given). The weight never is: it gets new data, which assign swaps
        // in, as kernels elsewhere may key cached state by a weight's data.
        const momentsInPlace = backend.refCount(m.dataId) === 1 && backend.refCount(v.dataId) === 1;
        const [x1, m1, v1] = engine.runKernel(
          ADAM_UPDATE,
          { x: value, m, v, g: gradient },
          { ...attrs, momentsInPlace } as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
        if (!momentsInPlace) {
          m.assign(m1!);
          v.assign(v1!);
        }
        value.assign(x1!);
      });
    });
    this.powers = [Math.fround(accBeta1 * Math.fround(this.beta1)), Math.fround(accBeta2 * Math.fround(this.beta2))];
    this.incrementIterations();
  }

  override async setWeights(weightValues: Parameters<tf.AdamOptimizer["setWeights"]>[0]): Promise<void> {
    // tfjs recomputes β1ᵗ, β2ᵗ from the iteration count here: the variables own them again.
    this.powers = null;
    await super.setWeights(weightValues);
  }

  override dispose(): void {
    this.powers = null;
    super.dispose();
  }

  /** Hands β1ᵗ, β2ᵗ back to tfjs' variables before its own step runs. */
  private writeBackPowers(): void {
    if (!this.powers) return;
    const state = this as unknown as AdamState;
    const [accBeta1, accBeta2] = this.powers;
    tf.tidy(() => {
      state.accBeta1.assign(tf.scalar(accBeta1));
      state.accBeta2.assign(tf.scalar(accBeta2));
    });
    this.powers = null;
  }
}
