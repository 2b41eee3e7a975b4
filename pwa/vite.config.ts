// Build of the app into dist/: index.html and hashed assets, then the service worker, built last
// from src/sw.ts with the list of files it must keep for offline use and a version made from
// their names (a new build is a new cache).

import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { build } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

function filesUnder(dir: string, base: string = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, base));
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out;
}

function serviceWorker(): Plugin {
  let emitted: string[] = [];
  let outDir = 'dist';
  return {
    name: 'relais-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_options, bundle) {
      emitted = Object.keys(bundle);
    },
    async closeBundle() {
      const publicFiles = filesUnder(join(root, 'public'));
      const shell = [...new Set(['index.html', ...emitted, ...publicFiles])]
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js')
        .sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 10);
      await build({
        entryPoints: [join(root, 'src/sw.ts')],
        outfile: join(root, outDir, 'sw.js'),
        bundle: true,
        format: 'iife',
        target: 'es2020',
        minify: false,
        legalComments: 'none',
        define: {
          __SHELL__: JSON.stringify(shell.map((f) => (f === 'index.html' ? '/' : `/${f}`))),
          __VERSION__: JSON.stringify(version),
        },
      });
    },
  };
}

export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false }), serviceWorker()],
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs for styles or scripts: the CSP is strict
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
});
