import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { strictAjv } from '../json/ajv.js';

// Issue 14 part 3: when ci-status names red commits, the blocked report ends with the
// `shipit deploy --exclude …` that ships the rest, checked with the release builder.

let world: World;
let github: GitHubServer;
let configFile: string;
const SCHEMAS = new URL('../../docs/schemas/', import.meta.url);

beforeAll(async () => {
  world = await createWorld();
  github = await startGitHubServer();
  configFile = join(world.root, 'shipit.config.json');
  await writeFile(
    configFile,
    JSON.stringify({
      github: { repository: github.repository, baseUrl: github.url },
      checks: [{ type: 'ci-status', name: 'ci' }],
      deploy: { run: 'true' },
    }),
  );
  // Something live, so the batch is what comes after it.
  const base = await world.repo.commit('base', { files: { 'app.txt': 'one\ntwo\nthree\n' } });
  await world.repo.push();
  github.setCommit(base, { checkRuns: [{ name: 'test', workflow: 'CI', conclusion: 'success' }] });
  const first = await shipit(['deploy', '--yes']);
  expect(first.exitCode, first.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await github.close();
  await world.cleanup();
});

function shipit(args: string[]) {
  return runCli(['--config', configFile, ...args], {
    cwd: world.repo.dir,
    env: { GITHUB_TOKEN: github.token, GH_TOKEN: undefined, GITHUB_RUN_ID: undefined },
  });
}

async function commit(subject: string, files: Record<string, string>, green: boolean) {
  const sha = await world.repo.commit(subject, { files });
  await world.repo.push();
  github.setCommit(sha, { checkRuns: [{ name: 'test', workflow: 'CI', conclusion: green ? 'success' : 'failure' }] });
  return sha;
}

async function checkJson() {
  const result = await shipit(['check', '--json']);
  const ajv = strictAjv();
  const read = async (name: string) => JSON.parse(await readFile(new URL(`${name}.schema.json`, SCHEMAS), 'utf8'));
  ajv.addSchema(await read('common'));
  const validate = ajv.compile(await read('check'));
  const report = JSON.parse(result.stdout);
  expect(validate(report) ? [] : validate.errors).toEqual([]);
  return { exitCode: result.exitCode, report };
}

describe('the way out of red CI', { timeout: 300_000 }, () => {
  it('names the red commit; the command it prints ships the rest', async () => {
    await commit('feature a', { 'a.txt': 'a\n' }, true);
    const red = await commit('feature b, red', { 'b.txt': 'b\n' }, false);
    await commit('feature c', { 'c.txt': 'c\n' }, true);
    const { exitCode, report } = await checkJson();
    expect(exitCode).toBe(1);
    expect(report.suggestion).toEqual({
      command: `shipit deploy --exclude ${red.slice(0, 7)}`,
      exclude: [red],
      reason: 'without the 1 commit CI is red on',
      applies: true,
    });
    const text = await shipit(['check']);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(`  shipit deploy --exclude ${red.slice(0, 7)}`);

    // As printed, it goes: ci-status judges the batch without the red commit and the release builds.
    const out = await shipit(['deploy', '--exclude', red.slice(0, 7), '--yes']);
    expect(out.exitCode, out.stdout + out.stderr).toBe(0);
  });

  it('a later commit that builds on the red one is left out too, so the command still applies', async () => {
    const red = await commit('edit line two, red', { 'app.txt': 'one\nTWO\nthree\n' }, false);
    const later = await commit('edit line two again', { 'app.txt': 'one\nTWO!\nthree\n' }, true);
    await commit('feature d', { 'd.txt': 'd\n' }, true);
    const { report } = await checkJson();
    expect(report.suggestion).toMatchObject({ exclude: [later, red], applies: true });
    expect(report.suggestion.command).toBe(`shipit deploy --exclude ${later.slice(0, 7)} --exclude ${red.slice(0, 7)}`);
  });
});
