// Worker-thread entry of the backend probe: worker threads do not inherit tsx from the
// parent, so register it here, then load the TypeScript probe.
import { register } from 'tsx/esm/api';

register();
await import('./probeWorker.ts');
