import { describe, expect, it } from 'vitest';
import { aboutText } from './about.ts';
import { GRAFT_VERSION } from './version.ts';

describe('aboutText', () => {
  it('names the installed version, the runtime and where the data and log are', () => {
    const text = aboutText({
      version: GRAFT_VERSION,
      versions: { electron: '39.5.0', chrome: '142.0.1', node: '22.20.0' },
      platform: 'linux',
      arch: 'x64',
      dataDir: '/home/ada/.config/Graft',
      logFile: '/home/ada/.config/Graft/logs/graft.log',
    });
    expect(text.message).toBe(`Graft ${GRAFT_VERSION}`);
    expect(text.detail.split('\n').slice(2)).toEqual([
      'Electron 39.5.0, Chromium 142.0.1, Node.js 22.20.0 on linux x64',
      'Data folder: /home/ada/.config/Graft',
      'Log file: /home/ada/.config/Graft/logs/graft.log',
    ]);
  });

  it('leaves out what a plain Node process lacks', () => {
    const text = aboutText({ version: '1.2.3', versions: { node: '20.19.0' }, platform: 'darwin', arch: 'arm64', dataDir: 'd', logFile: 'l' });
    expect(text.detail).toContain('\nNode.js 20.19.0 on darwin arm64\n');
  });
});
