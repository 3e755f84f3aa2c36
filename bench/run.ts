/**
 * `npm run bench [name...]`: runs each benchmark script in its own process (so memory figures
 * are not mixed) and prints its figures. Names: the files in bench/ without .ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!all.includes(name)) {
    process.stderr.write(`no benchmark "${name}" (have: ${all.join(', ')})\n`);
    process.exit(2);
  }
}
let failed = false;
for (const name of wanted.length ? wanted : all) {
  const file = join(dir, `${name}.ts`);
  if (!existsSync(file)) continue;
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
