// The IPC channels between the preload and main.
export const IPC_CALL_CHANNEL = 'graft:call';
export const IPC_EVENT_CHANNEL = 'graft:event';
/** Electron only: a native open dialog for a file or folder path (datasets, model files). */
export const IPC_PICK_PATH_CHANNEL = 'graft:pick-path';
