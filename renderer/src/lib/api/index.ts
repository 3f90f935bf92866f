// The one `api` object the views use. Under Electron the preload has put the contract on
// window.graftIpc; in a browser (graft serve) we talk HTTP+WebSocket with the launch token,
// which arrives in the URL fragment (#token=…) and is kept for this tab only.
import type { GraftApi } from '../../../../contract/api.ts';
import { httpTransport } from './httpTransport.ts';
import { ipcTransport, type IpcBridge } from './ipcTransport.ts';
import { apiFrom } from './transport.ts';

declare global {
  interface Window {
    graftIpc?: IpcBridge;
  }
}

const TOKEN_KEY = 'graft-token';

function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    // Drop the token from the address bar (and from anything a user copies from it).
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function createApi(): GraftApi | null {
  if (window.graftIpc) return apiFrom(ipcTransport(window.graftIpc));
  const token = takeToken();
  if (!token) return null;
  return apiFrom(httpTransport(window.location.origin, token));
}

/** null when opened without a token: the UI then says to open the URL graft serve printed. */
export const api: GraftApi | null = createApi();
