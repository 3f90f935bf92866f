// Electron's entry (package.json "main"): Graft's main process is TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../main/electron/main.ts');
