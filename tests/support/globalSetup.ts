// Build the renderer once before any test file starts `graft serve`, so parallel test
// files never race to build it.
import { ensureRendererBuilt } from '../../main/transports/http/rendererBuild.ts';

export default async function setup(): Promise<void> {
  await ensureRendererBuilt();
}
