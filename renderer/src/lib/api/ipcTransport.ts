// The Electron transport: the preload's window.graftIpc functions, which return the same
// Reply envelopes as HTTP, so errors are rebuilt the same way.
import type { MethodName, Reply } from '../../../../contract/api.ts';
import type { GraftEvent } from '../../../../contract/events.ts';
import type { PickPathRequest } from '../../../../contract/pickPath.ts';
import type { Transport } from './transport.ts';

export type IpcBridge = Record<MethodName, (request: unknown) => Promise<Reply<unknown>>> & {
  onEvent(listener: (event: GraftEvent) => void): () => void;
  /** Electron only: a native open dialog (see main/electron/dialogs.ts). */
  pickPath?: (request: PickPathRequest) => Promise<string | null>;
};

export function ipcTransport(bridge: IpcBridge): Transport {
  return {
    call: (method, request) => bridge[method](request ?? {}),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
