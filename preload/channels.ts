// The two IPC channels between the preload and main.
export const IPC_CALL_CHANNEL = 'graft:call';
export const IPC_EVENT_CHANNEL = 'graft:event';
