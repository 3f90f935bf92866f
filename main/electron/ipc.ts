// The Electron transport: one invoke channel carrying (method, payload), validated by the
// same dispatch() as HTTP; events pushed to the window on one channel.
import { ipcMain, type WebContents } from 'electron';
import { ApiError } from '../../contract/errors.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../preload/channels.ts';
import { dispatch } from '../services/dispatch.ts';
import type { EventBus } from '../services/eventBus.ts';
import type { Handlers } from '../services/handlers.ts';
import { isTrustedSender } from './security/sender.ts';

export function registerIpc(handlers: Handlers, events: EventBus, contents: WebContents, appUrl: string): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, payload: unknown) => {
    if (!isTrustedSender(event, appUrl)) {
      return { ok: false, error: new ApiError('forbidden-origin', 'IPC from an untrusted frame refused').toData() };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: new ApiError('invalid-payload', 'method must be a string', 'method').toData() };
    }
    return dispatch(handlers, method, payload);
  });
  const unsubscribe = events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
