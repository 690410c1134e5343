// Bundles src/ into dist/: the site's modules (the rates page and its ECharts in a chunk of their own, loaded when
// the page is opened), the stylesheet, the one HTML page every address serves, and the Static Web App's config.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

const out = new URL('./dist/', import.meta.url).pathname;
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: 'src/main.js', styles: 'src/styles.css' },
  outdir: out,
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: true,
  target: ['es2020'],
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
await copyFile('src/index.html', `${out}index.html`);
// The Static Web App's settings (page addresses fall back to index.html; security headers). The standalone host
// sends the same headers, read from this file, so the browser tests run the site under them.
await copyFile('src/staticwebapp.config.json', `${out}staticwebapp.config.json`);
console.log('web: built into dist/');
