import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench -- <name>` runs bench/<name>.ts. Each benchmark prints its figures and, as its
 * last line, one JSON object, so scripts can `tail -n 1` it.
 */
const HELPERS = new Set(['run', 'routerbenchData']);
const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => !HELPERS.has(n))
  .sort();

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(join(dir, `${name}.ts`)) || HELPERS.has(name)) {
  console.error(`usage: npm run bench -- <name>\nbenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
await import(`./${name}.ts`);
