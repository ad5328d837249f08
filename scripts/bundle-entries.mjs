// Bundles the two entry points an app loads, dist/register.js and dist/index.js (tsc's output),
// with the packages they import into a few files, replacing tsc's output for those two. Why: the
// time until an app's first line runs is spent mostly in Node's module loader, resolving and
// reading each of ~500 small files (our own, @opentelemetry/*, zod); one bundle loads in a
// fraction of that (issue 10's start-up budget, measured by bench/startup.mjs). The two share
// their chunks, so an app that imports the manual API while run with register gets the same
// module instances. Everything else in dist/ (CLI, router, viewer, the export thread) stays
// tsc's output: it is not on the path to an app's first line.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/**
 * zod re-exports every locale as `z.locales` (366 KB of the 1.3 MB a start read and compiled);
 * its schemas import the English one, the only one our messages use, on their own. The namespace
 * is replaced by an empty module: `z.locales` is empty, English error messages are unchanged.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined);
    pluginBuild.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

// Chunk names carry a content hash: the last build's would pile up beside the new ones.
await rm(path.join(dist, 'chunks'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(dist, 'register.js'), path.join(dist, 'index.js')],
  outdir: dist,
  outbase: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Loaded after the app has started or only where a feature asks for it (the exporters, the price
  // table, YAML, b3, the Bedrock stream codec), or hooking Node's module loader themselves: left to node_modules, as they are.
  external: [
    '@opentelemetry/exporter-*', '@opentelemetry/otlp-*', '@grpc/grpc-js', 'protobufjs',
    'yaml', '@pydantic/genai-prices', '@opentelemetry/propagator-b3', '@smithy/eventstream-codec',
    '@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-undici',
    'import-in-the-middle', 'require-in-the-middle',
  ],
  // Some bundled packages are CommonJS and call require(); in an ES module it must be made.
  banner: { js: "import { createRequire as __llmOtelCreateRequire } from 'node:module'; const require = __llmOtelCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'linked',
  plugins: [zodWithoutLocales],
});
