// An esbuild plugin for Graft's `new URL('relative', import.meta.url)` references. A bundle runs
// from dist/, not from the source file's folder, so each reference is rewritten to point from
// dist/ at the same target: a launcher (tsx-registering .mjs) becomes its bundle, a project file
// (data/, package.json) or build output keeps its place. A reference to anything else, such as a
// TypeScript file that is not an entry, fails the build rather than the installed app.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const URL_REFERENCE = /new URL\(\s*(['"])(\.{1,2}\/[^'"]*)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * @param {{ root: string, dist: string, bundles: { name: string, source: string, launchers: string[] }[], outputs: string[] }} options
 *   outputs: build outputs (relative to root) that may be referenced before they exist.
 * @returns {import('esbuild').Plugin}
 */
export function rewriteUrls({ root, dist, bundles, outputs }) {
  const bundleOf = new Map();
  for (const bundle of bundles) {
    for (const file of [bundle.source, ...bundle.launchers]) bundleOf.set(resolve(root, file), `./${bundle.name}.mjs`);
  }
  const outputPaths = outputs.map((file) => resolve(root, file));
  const isOutput = (target) => outputPaths.some((out) => target === out || target.startsWith(out + sep) || out.startsWith(target + sep));
  return {
    name: 'graft-rewrite-urls',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        const errors = [];
        const contents = text.replace(URL_REFERENCE, (whole, quote, specifier) => {
          const trailingSlash = specifier.endsWith('/');
          const target = resolve(dirname(args.path), specifier);
          let rewritten = bundleOf.get(target);
          if (!rewritten) {
            const inside = relative(root, target);
            if (inside.startsWith('..') || isAbsolute(inside)) errors.push(`${specifier} points outside the project`);
            else if (isOutput(target)) {
              // a build output (the preload, the kernels): exists once the build is done
            } else if (/\.[cm]?[jt]s$/.test(target)) errors.push(`${specifier} is code that no bundle in tools/build/entries.mjs builds`);
            else if (!existsSync(target)) errors.push(`${specifier} points at ${inside}, which is neither a project file nor a build output`);
            const fromDist = relative(dist, target).split(sep).join('/');
            rewritten = (fromDist.startsWith('..') ? fromDist : `./${fromDist}`) + (trailingSlash && fromDist ? '/' : '');
            if (!fromDist) rewritten = './';
          }
          return `new URL(${quote}${rewritten}${quote}, import.meta.url)`;
        });
        if (errors.length > 0) {
          return { errors: errors.map((text) => ({ text: `${relative(root, args.path)}: new URL(${text})` })) };
        }
        return { contents, loader: 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}
