// The preload: the API contract on window.graftIpc, one function per method, and an
// event subscription. Never raw ipcRenderer: the page gets exactly these functions.
// Every payload is validated again in main (main/electron/ipc.ts) — this is not a gate.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES, type MethodName, type Reply } from '../contract/api.ts';
import type { GraftEvent } from '../contract/events.ts';
import type { PickPathRequest } from '../contract/pickPath.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PICK_PATH_CHANNEL } from './channels.ts';

const calls: Partial<Record<MethodName, (request: unknown) => Promise<Reply<unknown>>>> = {};
for (const method of METHOD_NAMES) {
  calls[method] = (request: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, request) as Promise<Reply<unknown>>;
}

contextBridge.exposeInMainWorld('graftIpc', {
  ...calls,
  /** A native open dialog; resolves to the chosen path, or null when cancelled. */
  pickPath: (request: PickPathRequest) => ipcRenderer.invoke(IPC_PICK_PATH_CHANNEL, request) as Promise<string | null>,
  onEvent(listener: (event: GraftEvent) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, payload: GraftEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  },
});
