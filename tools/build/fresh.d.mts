/** Why dist/ must be rebuilt, or null when it is current. */
export function staleReason(root: string): string | null;
/** The newest modification time among the files the build reads. */
export function newestSourceMtime(root: string): number;
/** Rebuilds the main-process bundles, preload and kernels when stale. */
export function ensureBuilt(root: string, log: (line: string) => void): Promise<void>;
