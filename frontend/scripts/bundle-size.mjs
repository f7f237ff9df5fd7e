// Gzip sizes of the built SPA: every JavaScript chunk, and what the first catalog page loads
// (the entry chunk, its static imports, the catalog route's lazy chunk with its imports, and the
// English translations, which the entry imports before its first render: src/lib/i18n.ts).
// Run after `npm run build`: `node scripts/bundle-size.mjs` (add `--json` for machine output).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const ASSETS = join(DIST, 'assets');
/** The issue's budget for the JavaScript of the first catalog page. */
const CATALOG_BUDGET_BYTES = 200 * 1024;

const files = readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
const source = new Map(files.map((name) => [name, readFileSync(join(ASSETS, name), 'utf-8')]));
const gzipped = (name) => gzipSync(source.get(name), { level: 9 }).length;

/** Chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(name) {
  const code = source.get(name);
  const found = new Set();
  for (const match of code.matchAll(
    /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([\w.-]+\.js)["']/g,
  ))
    found.add(match[1]);
  return [...found].filter((file) => source.has(file));
}

function withStaticImports(entries) {
  const seen = new Set();
  const stack = [...entries];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...staticImports(name));
  }
  return seen;
}

const html = readFileSync(join(DIST, 'index.html'), 'utf-8');
const entry = html.match(/<script[^>]+src="[^"]*\/assets\/([\w.-]+\.js)"/)?.[1];
if (!entry) throw new Error('no entry script in dist/index.html: run `npm run build` first');

// The catalog page is the lazy chunk that the router imports for `@/features/courses`.
const entryCode = source.get(entry);
const lazyChunks = [...entryCode.matchAll(/import\(\s*["']\.\/([\w.-]+\.js)["']\s*\)/g)].map(
  (match) => match[1],
);
const catalogChunk = lazyChunks.find((name) => source.get(name).includes('catalog-ordering'));
// The translations are a chunk per language; the first page loads one of them (English here).
const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf-8'));
const englishChunk = manifest['src/locales/en/translation.json']?.file.replace(/^assets\//, '');
const catalogFiles = withStaticImports([
  entry,
  ...(catalogChunk ? [catalogChunk] : []),
  ...(englishChunk ? [englishChunk] : []),
]);
const catalogBytes = [...catalogFiles].reduce((total, name) => total + gzipped(name), 0);

const chunks = files
  .map((name) => ({ name, bytes: Buffer.byteLength(source.get(name)), gzip: gzipped(name) }))
  .sort((left, right) => right.gzip - left.gzip);
const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { catalog_first_page_gzip: catalogBytes, catalog_files: [...catalogFiles], chunks },
      null,
      2,
    ),
  );
} else {
  console.log('JavaScript chunks (raw / gzip):');
  for (const chunk of chunks)
    console.log(
      `  ${chunk.name.padEnd(40)} ${kilobytes(chunk.bytes).padStart(10)} ${kilobytes(chunk.gzip).padStart(10)}`,
    );
  console.log(
    `First catalog page loads ${String(catalogFiles.size)} files: ${kilobytes(catalogBytes)} gzip (budget ${kilobytes(CATALOG_BUDGET_BYTES)})`,
  );
}
if (!catalogChunk) {
  console.error('The catalog chunk was not found among the lazy chunks.');
  process.exit(1);
}
if (!englishChunk) {
  console.error('The English translations were not found in the build manifest.');
  process.exit(1);
}
if (catalogBytes > CATALOG_BUDGET_BYTES) {
  console.error('Over budget.');
  process.exit(1);
}
