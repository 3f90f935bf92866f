// The Electron main process: one window onto the same renderer `graft serve` serves,
// talking to the same handlers over IPC. The only file tree allowed to import Electron.
import { BrowserWindow, Menu, Notification, app, dialog, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseJsonText } from '../../contract/jsonText.ts';
import { openApp } from '../app.ts';
import { installCrashHandler, wantsStack } from '../crash.ts';
import { openLogFile } from '../logFile.ts';
import { defaultDataDir, defaultDbPath } from '../paths.ts';
import { GRAFT_VERSION } from '../version.ts';
import { startTraining } from '../training.ts';
import { ensureRendererBuilt } from '../transports/http/rendererBuild.ts';
import { registerPathPicker } from './dialogs.ts';
import { registerIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { preloadPath as builtPreload } from './preloadBuild.ts';
import { blockNavigation } from './security/navigation.ts';
import { denyAllPermissions } from './security/permissions.ts';
import { secureWebPreferences } from './security/webPreferences.ts';
import { loadWindowState, saveWindowState } from './windowState.ts';

// A packaged app's argv has no script path: its own arguments start one place earlier.
const { values } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { db: { type: 'string' } }, strict: false });
const dbPath = typeof values.db === 'string' ? values.db : defaultDbPath();

const logFile = openLogFile();
/** What the main process says goes to its console and to the log file a bug report can attach. */
function log(line: string): void {
  console.log(line);
  logFile.write(line);
}
installCrashHandler((text) => {
  console.error(text);
  logFile.write(text);
}, wantsStack(process.argv), 'Graft');

if (!app.requestSingleInstanceLock()) app.quit();

async function createWindow(): Promise<void> {
  log(`Graft ${GRAFT_VERSION} starting on ${dbPath}`);
  const rendererDir = await ensureRendererBuilt(log);
  const preloadPath = builtPreload();
  const graft = openApp(dbPath);
  const training = await startTraining(graft, log);
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile);
  const window = new BrowserWindow({
    ...state,
    show: false,
    title: 'Graft',
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) window.maximize();
  const appUrl = pathToFileURL(join(rendererDir, 'index.html')).href;
  denyAllPermissions(session.defaultSession);
  blockNavigation(window.webContents, appUrl);
  const unregisterIpc = registerIpc(graft.handlers, graft.events, window.webContents, appUrl);
  const unregisterPicker = registerPathPicker(window, appUrl);

  graft.events.subscribe((event) => {
    if (event.type !== 'experiment-changed' || !Notification.isSupported()) return;
    const experiment = graft.store.getExperiment(event.experimentId);
    if (experiment && experiment.runs.total > 0 && experiment.runs.queued + experiment.runs.running === 0) {
      new Notification({ title: 'Graft', body: `${experiment.name} finished: ${experiment.runs.completed} of ${experiment.runs.total} runs completed` }).show();
    }
  });

  Menu.setApplicationMenu(
    buildMenu(window, {
      dataDir: defaultDataDir(),
      about: { version: GRAFT_VERSION, versions: process.versions, platform: process.platform, arch: process.arch, dataDir: defaultDataDir(), logFile: logFile.path },
      importSpec: () => {
        void dialog
          .showOpenDialog(window, { filters: [{ name: 'Experiment spec', extensions: ['json'] }], properties: ['openFile'] })
          .then(async (result) => {
            const file = result.filePaths[0];
            if (!file) return;
            const reply = await graft.handlers.startExperiment({ spec: parseJsonText(await readFile(file, 'utf8'), file) });
            void window.webContents.executeJavaScript(`location.hash = '#/experiments/${reply.experimentId}'`);
          })
          .catch((error: unknown) => dialog.showErrorBox('Could not import the spec', String(error)));
      },
    }),
  );

  window.on('close', () => {
    const bounds = window.getBounds();
    saveWindowState(stateFile, { ...bounds, maximized: window.isMaximized() });
  });
  window.on('closed', () => {
    unregisterIpc();
    unregisterPicker();
    void training?.stop().finally(() => graft.close());
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(appUrl);
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});
app.on('window-all-closed', () => app.quit());
app.whenReady().then(createWindow).catch((error: unknown) => {
  dialog.showErrorBox('Graft could not start', error instanceof Error ? error.message : String(error));
  app.quit();
});
