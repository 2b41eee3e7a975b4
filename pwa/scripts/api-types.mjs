// Writes the API's TypeScript types (src/api/schema.d.ts) from the server's OpenAPI schema with
// openapi-typescript, under a header that says how to regenerate them. `make api-types` dumps the
// schema (python -m relais.openapi_dump) and runs this; `make lint` runs it into a temporary file and
// fails when the committed one differs.
//
//   node scripts/api-types.mjs <schema.json> [-o <out.d.ts>]     (npm run api-types -- <schema.json>)

import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `/**
 * The API's types, generated from the server's OpenAPI schema by openapi-typescript: do not edit.
 * Regenerate with \`make api-types\` (at the root of the repository); \`make lint\` fails when stale.
 * The PWA names the shapes it uses in src/lib/types.ts and src/api/*.ts.
 */

`;

const args = process.argv.slice(2);
let input = '';
let output = 'src/api/schema.d.ts';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-o' || args[i] === '--output') output = args[++i] ?? '';
  else if (!input) input = args[i];
  else output = '';
}
if (!input || !output) {
  console.error('usage: node scripts/api-types.mjs <schema.json> [-o <out.d.ts>]');
  process.exit(2);
}

const ast = await openapiTS(new URL(`file://${path.resolve(input)}`), { silent: true });
fs.writeFileSync(output, HEADER + astToString(ast), 'utf8');
