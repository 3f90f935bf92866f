// A native file/folder dialog where the app runs in Electron; null in a browser, where a
// page cannot learn a file's path and the user types it.
import type { PickPathRequest } from '../../../../contract/pickPath.ts';

export type PathPicker = (request: PickPathRequest) => Promise<string | null>;

export function nativePathPicker(): PathPicker | null {
  const bridge = typeof window === 'undefined' ? undefined : window.graftIpc;
  return bridge?.pickPath ? (request) => bridge.pickPath!(request) : null;
}
