// `npm run bench`: every benchmark in turn, each in its own process (none warms another's caches).
// Each prints its figures and goals; this exits 1 when any of them says a goal is not met.
// One alone: npx tsx bench/<name>.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['startup', 'gate', 'exclude', 'github', 'translations', 'auto'];
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const failed: string[] = [];
for (const name of BENCHES) {
  console.log(`\n== bench/${name}.ts`);
  const { status } = spawnSync(tsx, [fileURLToPath(new URL(`./${name}.ts`, import.meta.url))], { stdio: 'inherit' });
  if (status !== 0) failed.push(name);
}
console.log(failed.length ? `\ngoals not met in: ${failed.join(', ')}` : '\nevery goal met');
process.exitCode = failed.length ? 1 : 0;
