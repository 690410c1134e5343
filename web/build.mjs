// Bundles src/ into dist/: the site's modules (the rates page and its ECharts in a chunk of their own, loaded when
// the page is opened), the stylesheet and the one HTML page every address serves.
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
console.log('web: built into dist/');
