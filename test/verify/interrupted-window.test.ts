import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import type { DeployWorld } from '../helpers/deploy-world.js';
import { healthyWorld, history, lockOf } from './verify-world.js';

// A deploy stopped in its verification window, for real: killed with -9 (then `shipit repair`),
// or sent SIGINT as a CI job's cancel does. The release was already live: the script succeeded.

/** The world of verify-world with #1 live and verified, and a config whose window lasts 10 minutes. */
async function longWindowWorld() {
  const { world, service } = await healthyWorld();
  await world.writeConfig(world.repo, {
    checks: [],
    deploy: {
      run: world.script,
      verify: { for: '10m', every: '200ms', checks: [{ type: 'http', name: 'health', url: service.url }] },
    },
  });
  await world.repo.commit('next release', { files: { 'feature.txt': 'new\n' } });
  await world.repo.push();
  const configFile = join(world.repo.dir, '.git', 'test-deploy.config.json');
  return { world, configFile };
}

/** A real deploy of the long window, once its first round has run (wrapped: the child is a promise itself). */
async function deployInWindow(world: DeployWorld, configFile: string): Promise<{ deploy: ResultPromise }> {
  const deploy = execa('node', [BIN, '--config', configFile, 'deploy', '--yes'], {
    cwd: world.repo.dir,
    env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot },
    reject: false,
  });
  await windowRunning(deploy);
  return { deploy };
}

/** The deploy killed with -9 in its window: its lock stays, stale, and its record `verifying`. */
async function killedInWindow(world: DeployWorld, configFile: string): Promise<void> {
  const { deploy } = await deployInWindow(world, configFile);
  deploy.kill('SIGKILL');
  await deploy;
}

/** Resolves once the child's output says the window has run a round. */
function windowRunning(child: ResultPromise): Promise<void> {
  return outputIncludes(child, 'verify round 1');
}

/** Resolves once the child's output, from now on, includes `text`. */
function outputIncludes(child: ResultPromise, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(text)) return;
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

describe('a deploy stopped in its verification window', () => {
  it('killed with -9: `shipit repair` records it live and unverified and releases the stale lock', async () => {
    const { world, configFile } = await longWindowWorld();
    await killedInWindow(world, configFile);

    const repaired = await world.shipit(world.repo, ['repair', '--json']);
    expect(repaired.exitCode, repaired.stderr).toBe(0);
    expect(JSON.parse(repaired.stdout)).toMatchObject({
      abortedDeploys: [],
      unverifiedReleases: [2],
      staleLockReleased: { kind: 'deploy', stale: true },
    });
    const [latest] = await history(world);
    expect(latest).toMatchObject({ id: 2, status: 'success' });
    expect((latest as unknown as { message: string }).message).toContain('live, unverified');
    // Over: a second repair finds nothing (no record left open, no lock).
    const again = await world.shipit(world.repo, ['repair']);
    expect(again.stdout).toContain('Nothing to repair');
  });

  it('killed with -9: `shipit unlock --force` ends the window too, live and unverified', async () => {
    const { world, configFile } = await longWindowWorld();
    await killedInWindow(world, configFile);

    const unlocked = await world.shipit(world.repo, ['unlock', '--force', '--json']);
    expect(unlocked.exitCode, unlocked.stderr).toBe(0);
    expect(JSON.parse(unlocked.stdout)).toMatchObject({
      released: { kind: 'deploy' },
      abortedDeploys: [],
      unverifiedReleases: [2],
    });
    const [latest] = await history(world);
    expect(latest).toMatchObject({ id: 2, status: 'success' });
    expect((latest as unknown as { message: string }).message).toContain('live, unverified; recorded by shipit unlock');
    expect((await world.shipit(world.repo, ['repair'])).stdout).toContain('Nothing to repair');
  });

  it('SIGINT without a terminal: recorded live and unverified, the lock released, exit 130', async () => {
    const { world, configFile } = await longWindowWorld();
    const { deploy } = await deployInWindow(world, configFile);
    deploy.kill('SIGINT');
    const result = await deploy;
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(130);
    const [latest] = await history(world);
    expect(latest).toMatchObject({ id: 2, status: 'success', verification: { verdict: 'interrupted' } });
    expect(await lockOf(world)).toBeNull();
    expect(await world.currentId()).toBe('2');
    expect(await world.liveFile('feature.txt')).toBe('new\n');
  });

  // A real pseudo-terminal: util-linux `script` (Debian's essential bsdutils, so CI has it) runs
  // shipit on one and relays our bytes to it, so Ctrl-C is the terminal's own (^C to the foreground
  // group) and the question is read from it.
  it('Ctrl-C on a terminal asks, and "y" rolls back to the previous release', async () => {
    const { world, configFile } = await longWindowWorld();
    const command = ['node', BIN, '--config', configFile, 'deploy', '--yes'].map(shellQuote).join(' ');
    const terminal = execa('script', ['-qfec', command, '/dev/null'], {
      cwd: world.repo.dir,
      env: { NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', DEPLOY_ROOT: world.deployRoot },
      stdin: 'pipe',
      reject: false,
    });
    await windowRunning(terminal);
    terminal.stdin?.write('\x03');
    await outputIncludes(terminal, 'Roll back to the previous release?');
    terminal.stdin?.write('y\r');
    const result = await terminal;
    expect(result.exitCode, result.stdout).toBe(130);
    const [rollback, interrupted] = await history(world);
    expect(interrupted).toMatchObject({
      id: 2,
      status: 'success',
      verification: { verdict: 'interrupted', rollback: { id: 3, status: 'success' } },
    });
    expect(rollback).toMatchObject({ id: 3, action: 'rollback', status: 'success' });
    // The rollback (#3) runs the first release again: the new commit's file is gone.
    expect(await world.currentId()).toBe('3');
    expect(await world.liveFile('feature.txt')).toBeNull();
    expect((await lockOf(world))?.reason).toContain('after an interrupted verification');
  });
  // Each story runs the CLI five or six times and a verification window: room on a loaded machine.
}, 120_000);
