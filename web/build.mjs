// Builds the static UI into dist/: index.html, assets/app-HASH.{js,css}, assets/countries-110m.json.
// Usage: node build.mjs [--dev] (dev: no minification, source maps)
import { build } from 'esbuild';
import { rmSync, mkdirSync, copyFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const dev = process.argv.includes('--dev');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });

const res = await build({
  entryPoints: { app: join(here, 'src/main.js') },
  bundle: true, format: 'esm', target: ['es2020'],
  minify: !dev, sourcemap: dev, outdir: join(dist, 'assets'), entryNames: '[name]-[hash]',
  metafile: true, legalComments: 'eof', logLevel: 'warning',
});
const outs = Object.keys(res.metafile.outputs).map((p) => basename(p));
const js = outs.find((f) => f.endsWith('.js'));
const css = outs.find((f) => f.endsWith('.css'));

// Natural Earth 1:110m countries (public domain) from world-atlas, loaded by the map page.
copyFileSync(require.resolve('world-atlas/countries-110m.json'), join(dist, 'assets/countries-110m.json'));

writeFileSync(join(dist, 'index.html'), `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="referrer" content="no-referrer">
<title>رصد · rasd</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Ccircle cx='16' cy='16' r='15' fill='%23f2b632'/%3E%3C/svg%3E">
<link rel="stylesheet" href="assets/${css}">
<script type="module" src="assets/${js}"></script>
</head>
<body>
<noscript>رصد يحتاج إلى JavaScript · rasd needs JavaScript.</noscript>
</body>
</html>
`);

let total = 0;
const walk = (d) => { for (const f of readdirSync(d)) { const p = join(d, f); statSync(p).isDirectory() ? walk(p) : (total += statSync(p).size); } };
walk(dist);
console.log(`dist/: index.html, assets/${js}, assets/${css}, assets/countries-110m.json — ${(total / 1024).toFixed(0)} KiB`);
