// The one Electron-only call: a native dialog to pick a file or folder path for a form field.
// In a browser (graft serve) there is no such dialog, and the path is typed in instead.
import { z } from 'zod';

export const pickPathRequestSchema = z
  .object({
    kind: z.enum(['file', 'folder']),
    title: z.string().max(200),
    /** File name extensions without the dot, e.g. ["json"]; files only. */
    extensions: z.array(z.string().regex(/^[\w.]+$/).max(16)).max(10).optional(),
  })
  .strict();

export type PickPathRequest = z.infer<typeof pickPathRequestSchema>;
