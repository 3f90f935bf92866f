// What the About dialog says (main/electron/ shows it): Graft's version, what it runs on, and
// where its data and log are, so a bug report can name them.
export interface AboutFacts {
  version: string;
  /** process.versions: electron and chrome exist inside the desktop app only. */
  versions: Partial<Record<'node' | 'electron' | 'chrome' | 'v8', string>>;
  platform: string;
  arch: string;
  dataDir: string;
  logFile: string;
}

export interface AboutText {
  title: string;
  message: string;
  detail: string;
}

export function aboutText(facts: AboutFacts): AboutText {
  const runtime = [
    facts.versions.electron ? `Electron ${facts.versions.electron}` : null,
    facts.versions.chrome ? `Chromium ${facts.versions.chrome}` : null,
    facts.versions.node ? `Node.js ${facts.versions.node}` : null,
  ].filter((part): part is string => part !== null);
  return {
    title: 'About Graft',
    message: `Graft ${facts.version}`,
    detail: [
      'A lab for transfer learning and multi-task learning experiments.',
      '',
      `${runtime.join(', ')} on ${facts.platform} ${facts.arch}`,
      `Data folder: ${facts.dataDir}`,
      `Log file: ${facts.logFile}`,
    ].join('\n'),
  };
}
