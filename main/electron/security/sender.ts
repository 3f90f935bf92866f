// Security rule: an IPC call is answered only when it comes from the app's own page in
// the top frame — not from an iframe or a page the window was navigated to.
import type { IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './navigation.ts';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}
