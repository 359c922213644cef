// Builds the browser client into <out>/ (default: target/classes/parley-web), where the server
// serves it from the classpath. Everything the page loads comes from this directory: no CDN.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'target/classes/parley-web');
const require = createRequire(import.meta.url);
const themisDir = path.dirname(require.resolve('wasm-themis/package.json'));

await mkdir(out, { recursive: true });
await build({
  entryPoints: ['src/main/js/main.js'],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  // The Emscripten loader has Node-only branches (never taken in a browser): leave them unresolved.
  external: ['fs', 'path', 'crypto', 'ws', 'util'],
  logLevel: 'warning',
});
await copyFile(path.join(themisDir, 'dist-es6', 'libthemis.wasm'), path.join(out, 'libthemis.wasm'));
for (const f of ['index.html', 'app.css', 'icon.svg']) {
  await copyFile(path.join('src', 'main', f), path.join(out, f));
}
const files = ['index.html', 'app.css', 'app.js', 'icon.svg', 'libthemis.wasm'];
await writeFile(path.join(out, 'files.txt'), files.join('\n') + '\n');
const size = (await readFile(path.join(out, 'app.js'))).length;
console.log(`parley-web: built ${files.length} files into ${out} (app.js ${size} bytes)`);
