// The fault matrix of deploy, lock and state (issue 12): every fault is made
// for real (git hooks on a bare origin, a hung local GitHub API, signals sent
// to the whole process group as a terminal's Ctrl-C does) and the test says
// what a person would see: the exit code, the message, the history, the lock.
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStreamMasker } from '../../src/secrets/mask.js';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import type { Repo } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

const configOf = (repo: Repo) => join(repo.dir, '.git', 'test-deploy.config.json');
const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** `shipit <args>` in the background, in a process group of its own, so a test can Ctrl-C the group. */
function spawnShipit(repo: Repo, args: string[], env: Record<string, string> = {}): ResultPromise {
  return execa('node', [BIN, '--config', configOf(repo), ...args], {
    cwd: repo.dir,
    env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot, ...env },
    reject: false,
    all: true,
    detached: true,
  });
}

/** Ctrl-C in a terminal: SIGINT to the whole foreground process group, git children included. */
function ctrlC(child: ResultPromise): number {
  process.kill(-(child.pid as number), 'SIGINT');
  return Date.now();
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function installHook(name: 'pre-receive' | 'pre-push', dir: string, body: string): Promise<void> {
  const hook = join(dir, 'hooks', name);
  await writeFile(hook, `#!/bin/sh\n${body}\n`);
  await chmod(hook, 0o755);
}

/** A deploy script that holds the lock until the test says go: the first deploy of a race, made deterministic. */
function heldUntilGo(): { run: string; started: string; go: string } {
  const started = join(world.root, 'first-started');
  const go = join(world.root, 'go');
  return { run: `touch ${started}; while [ ! -e ${go} ]; do sleep 0.1; done; ${world.script}`, started, go };
}

/** Starts `shipit <args>` and resolves once its output shows `text` (e.g. the gate is done and it waits for the lock). */
async function startAndWaitFor(repo: Repo, args: string[], text: string): Promise<{ child: ResultPromise }> {
  const child = spawnShipit(repo, args);
  let output = '';
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(() => output.includes(text) || child.exitCode !== null);
  return { child }; // wrapped: the subprocess is a thenable, and returning it would wait for its exit
}

const history = async (repo: Repo) => JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
const lockOnOrigin = (repo: Repo) => repo.git('ls-remote', 'origin', 'refs/shipit/production/lock');

describe('issue 12.1: --lock-wait plans again against what went live meanwhile', () => {
  it('an older candidate waiting for the lock is refused once a newer commit went live', async () => {
    const waiter = await world.clone('waiter'); // knows only the initial commit
    const { repo } = world;
    const newer = await repo.commit('feat: newer', { files: { 'newer.txt': 'newer\n' } });
    await repo.push();
    const first = heldUntilGo();
    await world.writeConfig(repo, { checks: [{ type: 'batch-size' }], deploy: { run: first.run } });
    await world.writeConfig(waiter, { checks: [{ type: 'batch-size' }] });

    const deploying = spawnShipit(repo, ['deploy', '--yes']);
    await waitFor(() => exists(first.started));
    const waiting = await startAndWaitFor(
      waiter,
      ['deploy', '--yes', '--no-fetch', '--lock-wait', '2m'],
      'GATE PASSED',
    );
    await writeFile(first.go, '');
    expect((await deploying).exitCode).toBe(0);
    const second = await waiting.child;
    expect(second.exitCode).toBe(2);
    expect(second.all).toContain('production changed while this deploy waited');
    expect(second.all).toContain('going back is a rollback');
    expect(await world.liveFile('newer.txt')).toBe('newer\n');
    const records = await history(repo);
    expect(records.map((record: { id: number; sha: string }) => `${record.id}:${record.sha}`)).toEqual([`1:${newer}`]);
    expect(await lockOnOrigin(repo)).toBe('');
  });

  it('a newer candidate that waited ships only what is new, gated again, with the right previous sha', async () => {
    const { repo } = world;
    const base = await repo.head();
    const later = await world.clone('later');
    const next = await later.commit('feat: next', { files: { 'next.txt': 'next\n' } });
    await later.push();
    const first = heldUntilGo();
    await world.writeConfig(repo, { checks: [], deploy: { run: first.run } });
    await world.writeConfig(later, { checks: [{ type: 'command', name: 'gate-ran', run: 'true' }] });

    const deploying = spawnShipit(repo, ['deploy', '--yes', '--no-fetch']);
    await waitFor(() => exists(first.started));
    const waiting = await startAndWaitFor(later, ['deploy', '--yes', '--lock-wait', '2m'], 'GATE PASSED');
    await writeFile(first.go, '');
    const firstDone = await deploying;
    expect(firstDone.exitCode, String(firstDone.all)).toBe(0);
    const second = await waiting.child;
    expect(second.exitCode, String(second.all)).toBe(0);
    expect(second.all).toContain('planning and gating again');
    expect(String(second.all).match(/GATE PASSED/g)).toHaveLength(2);
    expect(await world.scriptEnv(2)).toMatchObject({ SHIPIT_SHA: next, SHIPIT_PREVIOUS_SHA: base });
    const [record] = await history(repo);
    expect(record).toMatchObject({ id: 2, status: 'success', previousSha: base });
  });
});

describe('issue 12.4: secrets never reach the log or the shared history', () => {
  it('masks the GitHub token, *_KEY values and config `secrets` in the echo, the log file and the pushed history', async () => {
    const { repo } = world;
    const token = 'ghp_TopSecretToken1234567890';
    const named = 'hunter2-database-url';
    const apiKey = 'sk-live-0123456789';
    // set -x prints every expansion; then the token goes out in two writes with a pause between them.
    const script = [
      'set -x',
      'echo "token=$GITHUB_TOKEN"',
      'echo "$DATABASE_URL $API_KEY"',
      '{ set +x; } 2>/dev/null',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
      'printf "split=%s" "${GITHUB_TOKEN%Token1234567890}"',
      'sleep 0.3',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
      'printf "%s\\n" "${GITHUB_TOKEN#ghp_TopSecret}"',
      'exit 3',
    ].join('; ');
    await world.writeConfig(repo, {
      checks: [],
      secrets: ['DATABASE_URL'],
      deploy: { run: script, env: { API_KEY: apiKey } },
    });
    const result = await world.shipit(repo, ['deploy', '--yes'], { GITHUB_TOKEN: token, DATABASE_URL: named });
    expect(result.exitCode).toBe(3);

    const localLog = await readFile(join(repo.dir, '.git', 'shipit', 'logs', 'production', '1.log'), 'utf8');
    const pushedLog = await execa('git', ['show', 'refs/shipit/production/history:logs/000001.log'], {
      cwd: world.origin,
    });
    const everythingOnOrigin = await execa('git', ['log', '-p', '--all', '--format=%B'], { cwd: world.origin });
    for (const text of [result.stdout, result.stderr, localLog, pushedLog.stdout, everythingOnOrigin.stdout]) {
      for (const secret of [token, named, apiKey, 'ghp_TopSecret']) expect(text).not.toContain(secret);
    }
    expect(localLog).toContain('token=***');
    expect(pushedLog.stdout).toContain('token=***');
    expect(pushedLog.stdout).toContain('*** ***');
    // token, database URL, API key, and the token that went out in two halves (stderr may land between them).
    expect(pushedLog.stdout.match(/\*\*\*/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('a secret split across any two chunks is masked whole', () => {
    const secret = 'ghp_abcdefghijklmnop';
    const text = `before ${secret} middle ${secret}${secret} after ghp_abc`;
    for (let cut = 0; cut <= text.length; cut++) {
      const masker = createStreamMasker([secret]);
      const out = Buffer.concat([
        masker.write(Buffer.from(text.slice(0, cut))),
        masker.write(Buffer.from(text.slice(cut))),
        masker.end(),
      ]).toString();
      expect(out).toBe('before *** middle ****** after ghp_abc');
    }
  });
});

describe('issue 12.5: release.ref only names shipit’s own refs', () => {
  it('refuses main and the state refs at config load (exit 2), and never pushes them', async () => {
    const { repo } = world;
    const mainBefore = await repo.git('ls-remote', 'origin', 'refs/heads/main');
    for (const ref of ['main', 'refs/heads/main', 'refs/shipit/production/history', 'shipit/../main']) {
      await world.writeConfig(repo, { checks: [], release: { ref } });
      const result = await world.shipit(repo, ['deploy', '--yes']);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('release.ref');
    }
    expect(await repo.git('ls-remote', 'origin', 'refs/heads/main')).toBe(mainBefore);
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/*')).toBe('');
  });

  it('pushes the release ref past a pre-push hook that would block it', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [], release: { ref: 'shipit/prod/release' } });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    const bad = await repo.commit('feat: bad', { files: { 'bad.txt': 'bad\n' } });
    await repo.commit('feat: good', { files: { 'good.txt': 'good\n' } });
    await repo.push();
    await installHook('pre-push', join(repo.dir, '.git'), 'echo "pre-push: tests failed" >&2; exit 1');

    const result = await world.shipit(repo, ['deploy', '--yes', '--exclude', bad, '--reason', 'broken']);
    expect(result.exitCode).toBe(0);
    expect(await repo.git('ls-remote', 'origin', 'refs/heads/shipit/prod/release')).toContain(
      (await world.scriptEnv(2)).SHIPIT_SHA,
    );
  });
});

describe('issue 12.6: Ctrl-C and refused writes around the state', () => {
  it('Ctrl-C while the lock push is in flight: exit 130, lock released, nothing recorded or run', async () => {
    const { repo } = world;
    const pushing = join(world.root, 'lock-push-started');
    const ran = join(world.root, 'script-ran');
    await installHook(
      'pre-receive',
      world.origin,
      `while read old new ref; do case "$ref:$old" in refs/shipit/*/lock:0000000*) touch ${pushing}; sleep 1;; esac; done`,
    );
    await world.writeConfig(repo, { checks: [], deploy: { run: `touch ${ran}` } });
    const child = spawnShipit(repo, ['deploy', '--yes']);
    await waitFor(() => exists(pushing));
    ctrlC(child);
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.all).toContain('interrupted while taking the production lock: nothing was deployed');
    expect(result.all).not.toContain('error[unexpected]');
    expect(await exists(ran)).toBe(false);
    expect(await lockOnOrigin(repo)).toBe('');
    expect(await history(repo)).toEqual([]);
  });

  it('a refused final write: says the script succeeded, keeps the outcome, refuses the next deploy, and shipit repair writes it', async () => {
    const { repo } = world;
    const ran = join(world.root, 'script-ran');
    await installHook(
      'pre-receive',
      world.origin,
      `while read old new ref; do if [ -e ${ran} ] && [ "\${ref##*/}" = history ]; then echo "history is read-only" >&2; exit 1; fi; done`,
    );
    await world.writeConfig(repo, { checks: [], deploy: { run: `touch ${ran}; echo deployed` } });
    const failed = await world.shipit(repo, ['deploy', '--yes']);
    expect(failed.exitCode).toBe(3);
    expect(failed.stderr).toContain('error[outcome-not-recorded] deploy #1 succeeded (the script exited 0)');
    expect(failed.stderr).toContain('shipit repair');
    expect(await exists(join(repo.dir, '.git', 'shipit', 'pending', 'production.json'))).toBe(true);
    // The lock stays: nobody else may deploy over a record that still says running.
    expect(await lockOnOrigin(repo)).not.toBe('');

    const blocked = await world.shipit(repo, ['deploy', '--yes']);
    expect(blocked.exitCode).toBe(3);
    expect(blocked.stderr).toContain('error[outcome-pending] deploy #1 succeeded');

    await rm(join(world.origin, 'hooks', 'pre-receive'));
    const repaired = await world.shipit(repo, ['repair']);
    expect(repaired.exitCode).toBe(0);
    expect(repaired.stdout).toContain('#1 recorded as success');
    expect(await lockOnOrigin(repo)).toBe('');
    expect(await history(repo)).toMatchObject([{ id: 1, status: 'success', previousSha: null }]);
    expect(await exists(join(repo.dir, '.git', 'shipit', 'pending', 'production.json'))).toBe(false);
    const again = await world.shipit(repo, ['deploy', '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Nothing to deploy');
  });

  it('a refused final write is written by the next command that can (shipit status)', async () => {
    const { repo } = world;
    const ran = join(world.root, 'script-ran');
    await installHook(
      'pre-receive',
      world.origin,
      `while read old new ref; do if [ -e ${ran} ] && [ "\${ref##*/}" = history ]; then exit 1; fi; done`,
    );
    await world.writeConfig(repo, { checks: [], deploy: { run: `touch ${ran}; exit 4` } });
    const failed = await world.shipit(repo, ['deploy', '--yes']);
    expect(failed.stderr).toContain('deploy #1 failed (the script exited 4)');
    await rm(join(world.origin, 'hooks', 'pre-receive'));
    expect((await world.shipit(repo, ['status'])).exitCode).toBe(0);
    expect(await history(repo)).toMatchObject([{ id: 1, status: 'failure', exitCode: 4 }]);
    expect(await lockOnOrigin(repo)).toBe('');
  });

  it('kill -9 mid-deploy: shipit repair records the deploy as aborted and clears the stale lock', async () => {
    const { repo } = world;
    const pidFile = join(world.root, 'script.pid');
    await world.writeConfig(repo, { checks: [], deploy: { run: `echo $$ > ${pidFile}; sleep 30` } });
    const child = spawnShipit(repo, ['deploy', '--yes']);
    await waitFor(() => exists(pidFile));
    process.kill(-(child.pid as number), 'SIGKILL');
    await child;
    // The script has a process group of its own: stop all of it (its `sleep` too), not only its shell,
    // so that repair does not race the watchdog stopping the rest.
    process.kill(-Number((await readFile(pidFile, 'utf8')).trim()), 'SIGKILL');
    const repaired = await world.shipit(repo, ['repair']);
    expect(repaired.exitCode).toBe(0);
    expect(repaired.stdout).toContain(
      '#1 was still marked running with no deploy holding the lock: recorded as aborted',
    );
    expect(repaired.stdout).toContain('released a stale lock');
    expect(await history(repo)).toMatchObject([{ id: 1, status: 'aborted' }]);
    expect(await lockOnOrigin(repo)).toBe('');
  });
});

describe('issue 12.7: Ctrl-C before the script is honoured at once', () => {
  it('while waiting for the lock: exit 130, no record, the other lock untouched', async () => {
    const { repo } = world;
    const ran = join(world.root, 'script-ran');
    await world.writeConfig(repo, { checks: [{ type: 'batch-size' }], deploy: { run: `touch ${ran}` } });
    expect((await world.shipit(repo, ['lock', '--reason', 'migration'])).exitCode).toBe(0);
    const held = await lockOnOrigin(repo);
    const child = spawnShipit(repo, ['deploy', '--yes', '--lock-wait', '5m']);
    let output = '';
    child.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(() => output.includes('GATE PASSED'));
    await new Promise((resolve) => setTimeout(resolve, 500)); // now in the lock wait
    const sent = ctrlC(child);
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(await exists(ran)).toBe(false);
    expect(await lockOnOrigin(repo)).toBe(held);
    expect(await history(repo)).toEqual([]);
  });

  it('while planning (a slow fetch): exit 130 before any check runs', async () => {
    const { repo } = world;
    const fetching = join(world.root, 'fetching');
    const gateRan = join(world.root, 'gate-ran');
    const slowUploadPack = join(world.root, 'slow-upload-pack');
    await writeFile(slowUploadPack, `#!/bin/sh\ntouch ${fetching}\nsleep 6\nexec git-upload-pack "$@"\n`);
    await chmod(slowUploadPack, 0o755);
    await repo.git('config', 'remote.origin.uploadpack', slowUploadPack);
    await world.writeConfig(repo, { checks: [{ type: 'command', name: 'marker', run: `touch ${gateRan}` }] });
    const child = spawnShipit(repo, ['deploy', '--yes']);
    await waitFor(() => exists(fetching));
    const sent = ctrlC(child);
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(Date.now() - sent).toBeLessThan(4000);
    expect(result.all).toMatch(/interrupted while (planning|reading the lock): nothing was deployed/);
    expect(await exists(gateRan)).toBe(false);
    await repo.git('config', '--unset', 'remote.origin.uploadpack');
    expect(await lockOnOrigin(repo)).toBe('');
  });

  describe('with a GitHub API that hangs', () => {
    let github: GitHubServer;
    beforeEach(async () => {
      github = await startGitHubServer();
    });
    afterEach(() => github.close());

    it('during the GitHub Deployments call: exit 130 at once, recorded as aborted, lock released, script never started', async () => {
      const { repo } = world;
      const ran = join(world.root, 'script-ran');
      github.failNext(
        { hang: true },
        1,
        (request) => request.method === 'POST' && request.path.endsWith('/deployments'),
      );
      await world.writeConfig(repo, {
        checks: [],
        github: { repository: github.repository, baseUrl: github.url },
        deploy: { run: `touch ${ran}` },
      });
      const child = spawnShipit(repo, ['deploy', '--yes'], { GITHUB_TOKEN: github.token });
      await waitFor(() => github.requests.some((request) => request.path.endsWith('/deployments')));
      const sent = ctrlC(child);
      const result = await child;
      expect(result.exitCode).toBe(130);
      expect(Date.now() - sent).toBeLessThan(5000);
      expect(await exists(ran)).toBe(false);
      expect(await lockOnOrigin(repo)).toBe('');
      expect(await history(repo)).toMatchObject([
        { id: 1, status: 'aborted', message: 'interrupted before the script started; nothing ran' },
      ]);
    });
  });
});

describe('issue 12.10: a closed stdout never stops the bookkeeping', () => {
  it('deploy | head: the deploy finishes, is recorded and releases the lock', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [], deploy: { run: 'for i in $(seq 1 2000); do echo "line $i"; done' } });
    const child = spawnShipit(repo, ['deploy', '--yes']);
    child.stdout?.once('data', () => child.stdout?.destroy());
    const result = await child;
    expect(result.all).not.toContain('EPIPE');
    expect(result.exitCode).toBe(0);
    expect(await history(repo)).toMatchObject([{ id: 1, status: 'success' }]);
    expect(await lockOnOrigin(repo)).toBe('');
  });
});
