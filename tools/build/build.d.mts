export const ROOT: string;
/** Bundles, preload and kernels into dist/; returns the files written (relative to dist/). */
export function buildMain(options?: { log?: (line: string) => void }): Promise<string[]>;
export function buildRenderer(): Promise<void>;
