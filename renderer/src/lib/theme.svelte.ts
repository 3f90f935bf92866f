// Light, dark, or as the system says; remembered in this browser.
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'graft-theme';

class Theme {
  choice: ThemeChoice = $state((localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system');

  set(choice: ThemeChoice): void {
    this.choice = choice;
    localStorage.setItem(KEY, choice);
    this.apply();
  }

  apply(): void {
    if (this.choice === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = this.choice;
  }
}

export const theme = new Theme();
