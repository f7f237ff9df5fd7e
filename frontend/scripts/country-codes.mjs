// Writes src/api/country-codes.ts: the runtime list of openapi.yaml's CountryEnum (the backend's
// django-countries codes), which the generated types carry only as a type. Run by
// `npm run api:types`; with --check (run by `npm run api:check`) it fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const SCHEMA = 'openapi.yaml';
const OUTPUT = 'src/api/country-codes.ts';

/** The codes listed under components.schemas.CountryEnum.enum, in the schema's order. */
function countryCodes(yaml) {
  const block = /^ {4}CountryEnum:\n {6}enum:\n((?: {6}- .*\n)+)/m.exec(yaml);
  if (!block) throw new Error(`${SCHEMA} has no CountryEnum with an enum list.`);
  // A YAML scalar, quoted where it would read as something else (NO is Norway, not false).
  const codes = block[1]
    .trimEnd()
    .split('\n')
    .map((line) => line.slice('      - '.length).replace(/^(['"])(.*)\1$/, '$2'));
  const invalid = codes.filter((code) => !/^[A-Z]{2}$/.test(code));
  if (invalid.length > 0) throw new Error(`Not ISO 3166-1 alpha-2 codes: ${invalid.join(', ')}`);
  return codes;
}

function moduleText(codes) {
  return [
    `/** Generated from ${SCHEMA}'s CountryEnum by scripts/country-codes.mjs (npm run api:types):`,
    ' * the countries the backend accepts, as a runtime list. Do not edit by hand. */',
    "import type { components } from './schema';",
    '',
    "export type CountryCode = components['schemas']['CountryEnum'];",
    '',
    'export const COUNTRY_CODES = [',
    ...codes.map((code) => `  '${code}',`),
    '] as const satisfies readonly CountryCode[];',
    '',
  ].join('\n');
}

const fresh = moduleText(countryCodes(readFileSync(SCHEMA, 'utf8')));
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(OUTPUT, 'utf8');
  } catch {
    // Missing: reported as stale below.
  }
  if (committed !== fresh) {
    console.error(`${OUTPUT} is stale: it does not match ${SCHEMA}.\nRun 'npm run api:types'.`);
    process.exit(1);
  }
  console.log(`${OUTPUT} is up to date with ${SCHEMA}.`);
} else {
  writeFileSync(OUTPUT, fresh);
}
