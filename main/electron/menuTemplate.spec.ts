import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuActions } from './menuTemplate.ts';

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inside = item.submenu ? find(item.submenu, label) : undefined;
    if (inside) return inside;
  }
  return undefined;
}

describe('menuTemplate', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`on ${platform}: File has "Reveal data folder" and Help has "About Graft", each calling its action`, () => {
      const called: string[] = [];
      const actions: MenuActions = {
        importSpec: () => called.push('import'),
        showExperiments: () => called.push('experiments'),
        revealDataFolder: () => called.push('reveal'),
        about: () => called.push('about'),
      };
      const template = menuTemplate(platform, actions);
      const file = template.find((item) => item.label === 'File');
      expect(file?.submenu?.map((item) => item.label ?? item.role ?? item.type)).toEqual(['Import experiment spec…', 'Reveal data folder', 'separator', platform === 'darwin' ? 'close' : 'quit']);
      find(template, 'Reveal data folder')?.click?.();
      find(template, 'About Graft')?.click?.();
      find(template, 'Import experiment spec…')?.click?.();
      expect(called).toEqual(['reveal', 'about', 'import']);
      expect(template.some((item) => item.role === 'appMenu')).toBe(platform === 'darwin');
      expect(template.at(-1)?.role).toBe('help');
    });
  }
});
