// The part of Electron's API that Graft uses, for type-checking on machines where the
// optional `electron` package could not install (its installer downloads the binary).
// tsconfig "paths" prefers the real node_modules/electron/electron.d.ts when it exists.

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  spellcheck?: boolean;
}

export interface ElectronEvent {
  preventDefault(): void;
}

export interface WebFrameMain {
  url: string;
  parent: WebFrameMain | null;
}

export interface WebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: ElectronEvent, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): this;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  executeJavaScript(code: string): Promise<unknown>;
  getLastWebPreferences(): WebPreferences | null;
}

export interface Session {
  setPermissionRequestHandler(handler: ((contents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: WebContents | null, permission: string) => boolean) | null): void;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  show?: boolean;
  title?: string;
  webPreferences?: WebPreferences;
}

export class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  static getAllWindows(): BrowserWindow[];
  webContents: WebContents;
  loadURL(url: string): Promise<void>;
  maximize(): void;
  isMaximized(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  show(): void;
  getBounds(): Rectangle;
  on(event: 'close' | 'closed', listener: () => void): this;
  once(event: 'ready-to-show', listener: () => void): this;
}

export interface MenuItemConstructorOptions {
  label?: string;
  role?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemConstructorOptions[];
}

export class Menu {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  static setApplicationMenu(menu: Menu | null): void;
}

export class Notification {
  constructor(options: { title: string; body: string });
  static isSupported(): boolean;
  show(): void;
}

export interface OpenDialogReturnValue {
  canceled: boolean;
  filePaths: string[];
}

export const dialog: {
  showOpenDialog(
    window: BrowserWindow,
    options: { title?: string; filters?: { name: string; extensions: string[] }[]; properties?: ('openFile' | 'openDirectory')[] },
  ): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: { defaultPath?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showErrorBox(title: string, content: string): void;
  showMessageBox(window: BrowserWindow, options: { type?: 'info' | 'error'; buttons?: string[]; title?: string; message: string; detail?: string }): Promise<{ response: number }>;
};

export const shell: {
  openPath(path: string): Promise<string>;
};

export const session: { defaultSession: Session };

export const app: {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  getPath(name: 'userData' | 'home' | 'temp' | 'documents'): string;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): void;
  whenReady(): Promise<void>;
};

export interface IpcMainInvokeEvent {
  senderFrame: WebFrameMain | null;
}

export const ipcMain: {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
};

export interface IpcRendererEvent {
  sender: unknown;
}

export const ipcRenderer: {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: never[]) => void): void;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: never[]) => void): void;
};

export const contextBridge: {
  exposeInMainWorld(key: string, api: unknown): void;
};
