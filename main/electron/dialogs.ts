// Native open dialogs for the form's path fields. The request is validated like every other
// IPC payload and only the app's own page may ask.
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { pickPathRequestSchema } from '../../contract/pickPath.ts';
import { IPC_PICK_PATH_CHANNEL } from '../../preload/channels.ts';
import { isTrustedSender } from './security/sender.ts';

export function registerPathPicker(window: BrowserWindow, appUrl: string): () => void {
  ipcMain.handle(IPC_PICK_PATH_CHANNEL, async (event, payload: unknown) => {
    if (!isTrustedSender(event, appUrl)) return null;
    const request = pickPathRequestSchema.safeParse(payload);
    if (!request.success) return null;
    const { kind, title, extensions } = request.data;
    const result = await dialog.showOpenDialog(window, {
      title,
      properties: [kind === 'folder' ? 'openDirectory' : 'openFile'],
      ...(kind === 'file' && extensions ? { filters: [{ name: title, extensions }] } : {}),
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  return () => ipcMain.removeHandler(IPC_PICK_PATH_CHANNEL);
}
