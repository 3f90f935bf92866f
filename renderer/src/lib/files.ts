// Spec files in the browser: download as JSON, read back from a file input. (The Electron
// build gets native dialogs from the main side; these work in both.)

export function fileNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'experiment'}.graft.json`;
}

export function downloadJson(fileName: string, value: unknown): void {
  downloadBlob(fileName, new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' }));
}

/** A file the main side sent as base64 (reports), saved through the browser's download. */
export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(fileName, new Blob([bytes], { type: mimeType }));
}

/** A chart's canvas as a PNG file, at the pixels it is drawn with. */
export function downloadCanvasPng(fileName: string, canvas: HTMLCanvasElement): void {
  canvas.toBlob((blob) => {
    if (blob) downloadBlob(fileName, blob);
  }, 'image/png');
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file's JSON, or an error saying what is wrong with it. */
export async function readJsonFile(file: File): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  if (file.size > 5_000_000) return { ok: false, error: `${file.name} is ${Math.round(file.size / 1e6)} MB; a spec file is a few KB` };
  try {
    return { ok: true, value: JSON.parse(await file.text()) as unknown };
  } catch (e) {
    return { ok: false, error: `${file.name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
