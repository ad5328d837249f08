// Bundles the viewer's web UI (src/viewer/ui, Preact + TypeScript) into dist/viewer/static with
// esbuild, so `llm-otel view` serves it from the package with nothing fetched at run time.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src/viewer/ui');
const target = path.join(root, 'dist/viewer/static');

await mkdir(target, { recursive: true });
await build({
  entryPoints: { app: path.join(source, 'main.tsx'), 'app-styles': path.join(source, 'styles.css') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: target,
  logLevel: 'warning',
  legalComments: 'linked',
});
await copyFile(path.join(target, 'app-styles.css'), path.join(target, 'app.css'));
await copyFile(path.join(source, 'index.html'), path.join(target, 'index.html'));
