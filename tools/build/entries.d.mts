export const BUNDLES: { name: string; source: string; launchers: string[] }[];
export const PRELOAD: { source: string; out: string };
export const WASM_KERNELS: { assembler: string; outputs: { fma: boolean; out: string }[] };
export const RENDERER: { config: string; out: string };
export const SOURCE_FOLDERS: string[];
export const DIST: string;
export const STAMP: string;
