// The Electron security rules' decisions, tested in plain Node (they import only types from
// Electron). Their wiring into a real window is covered by tests/e2e/electron.test.ts, which
// runs where an Electron binary is installed.
import { describe, expect, it } from 'vitest';
import { isAppUrl } from './navigation.ts';
import { isTrustedSender } from './sender.ts';
import { secureWebPreferences } from './webPreferences.ts';

const APP = 'file:///opt/graft/dist/renderer/index.html';

describe('isAppUrl', () => {
  it('allows only the app page itself (any hash route)', () => {
    expect(isAppUrl(`${APP}#/experiments/3`, APP)).toBe(true);
    expect(isAppUrl('https://example.com/', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('file:///opt/graft/dist/renderer/other.html', APP)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } as never });
  it('answers the app page in the top frame only', () => {
    expect(isTrustedSender(frame(APP), APP)).toBe(true);
    expect(isTrustedSender(frame('https://evil.example/'), APP)).toBe(false);
    expect(isTrustedSender(frame(APP, { url: APP, parent: null }), APP)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, APP)).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('sandboxes and isolates the renderer, without Node', () => {
    const prefs = secureWebPreferences('/p/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/p/preload.cjs' });
  });
});
