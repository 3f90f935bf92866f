// The application menu as data: the usual roles plus Graft's own entries. A pure function of
// the platform and the actions, so a test can read it without Electron (menu.ts builds it).
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importSpec(): void;
  showExperiments(): void;
  /** Opens the per-user data folder (database, artifacts, logs) in the file manager. */
  revealDataFolder(): void;
  about(): void;
}

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import experiment spec…', accelerator: 'CmdOrCtrl+O', click: actions.importSpec },
        { label: 'Reveal data folder', click: actions.revealDataFolder },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Experiments', accelerator: 'CmdOrCtrl+1', click: actions.showExperiments },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Graft', click: actions.about }] },
  ];
}
