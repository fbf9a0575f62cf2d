// shipit's own deploy config: a live example that runs on a fresh clone with
// no network and no token. `npx shipit check` shows the gate report.
import { defineConfig } from 'shipit-gate';

export default defineConfig({
  environment: 'production',
  branch: 'main',
  checks: [
    { type: 'command', name: 'typecheck', run: 'npx tsc --noEmit', timeout: '2m' },
    { type: 'command', name: 'lint', run: ['npx', 'biome', 'check', '.'], timeout: '1m', severity: 'warning' },
    {
      name: 'no-focused-tests',
      title: 'no .only in tests',
      // An inline check: it reads files at the candidate commit, not the work tree.
      async run(ctx) {
        const files = await ctx.git.listFiles(['test/**/*.test.ts']);
        const sources = await ctx.git.readFiles(files);
        const focused = [...sources]
          .filter(([, text]) => /\b(it|test|describe)\.only\(/.test(text))
          .map(([path]) => path);
        return focused.length
          ? { status: 'fail', summary: `${focused.length} test files use .only`, details: focused }
          : { status: 'pass', summary: `${files.length} test files, none focused` };
      },
    },
  ],
  deploy: {
    run: 'echo "deploying $SHIPIT_SHA to $SHIPIT_ENVIRONMENT"',
  },
});
