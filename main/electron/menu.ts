// The application menu, built from menuTemplate.ts with the window's actions.
import { Menu, dialog, shell, type BrowserWindow } from 'electron';
import { aboutText, type AboutFacts } from '../about.ts';
import { menuTemplate } from './menuTemplate.ts';

export function buildMenu(window: BrowserWindow, actions: { importSpec: () => void; dataDir: string; about: AboutFacts }): Menu {
  return Menu.buildFromTemplate(
    menuTemplate(process.platform, {
      importSpec: actions.importSpec,
      showExperiments: () => void window.webContents.executeJavaScript("location.hash = '#/experiments'"),
      revealDataFolder: () => void shell.openPath(actions.dataDir),
      about: () => void dialog.showMessageBox(window, { type: 'info', buttons: ['OK'], ...aboutText(actions.about) }),
    }),
  );
}
