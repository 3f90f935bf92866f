// Security rule: the page gets no permissions (camera, geolocation, notifications …);
// Graft's notifications come from the main process.
import type { Session } from 'electron';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
