// Fails when src/api/schema.d.ts is stale, i.e. differs from what openapi.yaml generates now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COMMITTED_TYPES = 'src/api/schema.d.ts';
const STALE_TYPES_MESSAGE =
  `${COMMITTED_TYPES} is stale: it does not match openapi.yaml.\n` +
  `Run 'npm run api:types' (or 'make schema') and commit the result.`;

const workDirectory = mkdtempSync(join(tmpdir(), 'icim-api-types-'));
const freshTypes = join(workDirectory, 'schema.d.ts');
try {
  // The same command as `npm run api:types`, written to a temporary file instead.
  execFileSync('npx', ['openapi-typescript', 'openapi.yaml', '-o', freshTypes], {
    stdio: 'inherit',
  });
  let committed = '';
  try {
    committed = readFileSync(COMMITTED_TYPES, 'utf8');
  } catch {
    console.error(`${COMMITTED_TYPES} is missing.\nRun 'npm run api:types' and commit the result.`);
    process.exit(1);
  }
  if (readFileSync(freshTypes, 'utf8') !== committed) {
    console.error(STALE_TYPES_MESSAGE);
    process.exit(1);
  }
  console.log(`${COMMITTED_TYPES} is up to date with openapi.yaml.`);
} finally {
  rmSync(workDirectory, { recursive: true, force: true });
}
