import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { green, history } from './hook-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

describe('inline function hooks (a TS config)', () => {
  it('get the same facts as the variables; one that throws or hangs is recorded and the deploy stands', async () => {
    const { repo } = world;
    const seen = join(world.root, 'seen.json');
    const config = join(repo.dir, '.git', 'hooks.config.ts');
    await writeFile(
      config,
      `import { writeFileSync } from 'node:fs';
export default {
  checks: ${JSON.stringify(green)},
  deploy: { run: ${JSON.stringify(world.script)} },
  hooks: {
    beforeDeploy: async (ctx: { signal: AbortSignal; log(text: string): void }) => {
      writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ ...ctx, signal: ctx.signal.aborted }));
      ctx.log('warming caches with ' + process.env.DEPLOY_TOKEN);
    },
    afterDeploy: [
      async () => { throw new Error('chat is down'); },
      // Hangs until shipit gives up on it (and tells it so through its signal).
      {
        run: (ctx: { signal: AbortSignal; log(text: string): void }) =>
          new Promise((done) => ctx.signal.addEventListener('abort', () => {
            // Too late: shipit no longer waits, so this line is dropped.
            ctx.log('after the timeout');
            done(undefined);
          })),
        timeout: '1s',
      },
    ],
  },
};
`,
    );
    const result = await runCli(['--config', config, 'deploy', '--yes'], {
      cwd: repo.dir,
      env: { DEPLOY_ROOT: world.deployRoot, DEPLOY_TOKEN: 'tok-inline-5e6f7a8b' },
    });
    expect(result.exitCode).toBe(0);
    const log = await readFile(join(repo.dir, '.git', 'shipit', 'logs', 'production', '1.log'), 'utf8');
    for (const shown of [result.stdout, log]) {
      expect(shown).toContain('warming caches with ***\n');
      expect(shown).not.toContain('tok-inline-5e6f7a8b');
      expect(shown).not.toContain('after the timeout');
    }
    expect(result.stderr).toContain('warning: the afterDeploy hook failed (threw: chat is down); recorded on #1');
    expect(result.stderr).toContain('warning: the afterDeploy hook failed (timed out after 1.0s)');

    const facts = JSON.parse(await readFile(seen, 'utf8'));
    const variables = await world.scriptEnv(1);
    expect(facts).toMatchObject({
      hook: 'beforeDeploy',
      action: 'deploy',
      environment: 'production',
      sha: variables.SHIPIT_SHA,
      previousSha: null,
      deployId: 1,
      ref: 'origin/main',
      excluded: [],
      user: 'dev',
      outcome: 'running',
      signal: false,
      variables: { ...variables, SHIPIT_HOOK: 'beforeDeploy', SHIPIT_OUTCOME: 'running' },
    });

    const [record] = await history(world, repo, config);
    expect(record?.status).toBe('success');
    expect(record?.hooks?.map((hook) => `${hook.name}:${hook.status}`)).toEqual([
      'beforeDeploy:success',
      'afterDeploy:failure',
      'afterDeploy:timeout',
    ]);
  }, 120_000);
});

describe('hook output', () => {
  it('is masked like the script output: in the terminal, the warning and the record', async () => {
    const { repo } = world;
    const token = 'tok-9f8e7d6c5b4a';
    const password = 'hook-only-pw-31337';
    await world.writeConfig(repo, {
      checks: green,
      hooks: {
        beforeDeploy: 'echo "deploying with $DEPLOY_TOKEN"',
        afterDeploy: { run: 'echo "rejected: $DEPLOY_TOKEN $HOOK_PASSWORD"; exit 2', env: { HOOK_PASSWORD: password } },
      },
    });
    const result = await world.shipit(repo, ['deploy', '--yes'], { DEPLOY_TOKEN: token });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('deploying with ***');
    expect(result.stdout).toContain('rejected: *** ***');
    expect(result.stderr).toContain('the afterDeploy hook failed (exited 2: rejected: *** ***)');
    const everything = `${result.stdout}${result.stderr}${JSON.stringify(await history(world, repo))}`;
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(password);
  }, 120_000);
});
