// When a model.json's weights do not fit its topology, the message names the weight: tfjs says
// only "[1352,16] vs [16,1352]" (or the file's byte count is off), which does not tell a user
// which of a model's tensors the manifest got wrong.
import { tf } from './tf.mjs';

/** The first weight whose manifest entry is missing or shaped unlike the layer that needs it; null when all fit. */
export async function weightShapeProblem(modelTopology: object, specs: readonly tf.io.WeightsManifestEntry[]): Promise<string | null> {
  let model: tf.LayersModel;
  try {
    // Built with fresh weights, only to read the shapes the layers need.
    model = await tf.models.modelFromJSON({ modelTopology } as tf.io.ModelJSON);
  } catch {
    return null; // a topology tfjs cannot build is reported by the load itself
  }
  try {
    const listed = new Map(specs.map((spec) => [spec.name, spec]));
    for (const weight of model.weights) {
      const name = weight.originalName;
      const spec = listed.get(name);
      const needed = `[${weight.shape.join(', ')}]`;
      if (!spec) return `the model needs weight "${name}" ${needed}, which the weights manifest does not list`;
      if (spec.shape.join('x') !== weight.shape.join('x')) {
        return `weight "${name}" is [${spec.shape.join(', ')}] in the weights manifest, but its layer needs ${needed}`;
      }
    }
    return null;
  } finally {
    model.dispose();
  }
}
