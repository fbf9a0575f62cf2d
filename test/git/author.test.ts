import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorKey, distinctAuthors } from '../../src/git/author.js';
import { listCommits } from '../../src/git/commits.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import type { Repo } from '../helpers/git-world.js';

const as = (authorName: string, authorEmail: string) => ({ authorName, authorEmail });

describe('the author identity rule', () => {
  it('is the email, whatever its case, never the name', () => {
    expect(authorKey(as('Ann Lee', 'Ann.Lee@Example.com'))).toBe(authorKey(as('ann', 'ann.lee@example.com')));
    expect(authorKey(as('Alex', 'alex@one.example'))).not.toBe(authorKey(as('Alex', 'alex@two.example')));
  });

  it("takes GitHub's two noreply forms for one account", () => {
    expect(authorKey(as('Ann', '12345+AnnLee@users.noreply.github.com'))).toBe(
      authorKey(as('Ann Lee', 'annlee@users.noreply.github.com')),
    );
    expect(authorKey(as('Ann', '12345+annlee@users.noreply.github.com'))).not.toBe(
      authorKey(as('Bo', '678+bo@users.noreply.github.com')),
    );
  });

  it('falls back to the name, whatever its case, when there is no email', () => {
    expect(authorKey(as('Ann Lee', ''))).toBe(authorKey(as('ann lee', ' ')));
    expect(authorKey(as('ann@example.com', ''))).not.toBe(authorKey(as('Ann', 'ann@example.com')));
  });

  it('lists each author once, by the name of their newest commit', () => {
    const commits = [as('Ann Lee', 'ANN@example.com'), as('Bo', 'bo@example.com'), as('ann', 'ann@example.com')];
    expect(distinctAuthors(commits)).toEqual(['Ann Lee', 'Bo']);
    expect(distinctAuthors([as('', 'ci@example.com')])).toEqual(['ci@example.com']);
  });
});

describe('authors in check, status and batch-size', () => {
  // After a first deploy: one person spelled four ways, and Bo twice, his work address in .mailmap.
  let world: DeployWorld;
  beforeEach(async () => {
    world = await createDeployWorld();
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    await repo.commit('chore: mailmap', {
      files: { '.mailmap': 'Bo <bo@example.com> <bo@work.example>\n' },
      author: 'Bo',
    });
    await commitAs(repo, 'Ann Lee', 'ann@example.com', 'feat: one');
    await commitAs(repo, 'ann lee', 'ANN@Example.com', 'feat: two');
    await commitAs(repo, 'Ann', '12345+annlee@users.noreply.github.com', 'feat: three');
    await commitAs(repo, 'Ann Lee', 'annlee@users.noreply.github.com', 'feat: four');
    await commitAs(repo, 'Bo at work', 'bo@work.example', 'feat: five');
    await repo.push();
    await world.writeConfig(repo, { checks: [{ type: 'batch-size', name: 'batch-size', authors: { warn: 1 } }] });
  });
  afterEach(() => world.cleanup());

  // Newest first: Bo (joined by .mailmap), Ann's noreply account, then Ann's own address,
  // which only a .mailmap line could join to her noreply one.
  const AUTHORS = ['Bo', 'Ann Lee', 'ann lee'];

  it('reads commits through .mailmap and joins case and noreply forms', async () => {
    const commits = await listCommits(world.repo.dir, 'HEAD', ['HEAD~6']);
    expect(commits[0]?.authorName).toBe('Bo');
    expect(distinctAuthors(commits)).toEqual(AUTHORS);
  });

  it('check counts them alike in JSON and batch-size', async () => {
    const { repo } = world;
    const report = JSON.parse((await world.shipit(repo, ['check', '--no-fetch', '--json'])).stdout);
    expect([report.batch.count, report.batch.authors.length]).toEqual([6, 3]);
    const batchSize = report.checks.find((entry: { name: string }) => entry.name === 'batch-size');
    expect(batchSize.summary).toBe('6 commits by 3 authors (authors above 1: deploy smaller batches more often)');
    expect(batchSize.details).toEqual([`authors: ${AUTHORS.join(', ')}`]);
  });

  it('status lists the same authors, and the text report counts them', async () => {
    const { repo } = world;
    const status = JSON.parse((await world.shipit(repo, ['status', '--no-fetch', '--json'])).stdout);
    expect(status.batch.authors).toEqual(AUTHORS);
    expect((await world.shipit(repo, ['check', '--no-fetch'])).stdout).toContain('6 commits by 3 authors');
  });
});

async function commitAs(repo: Repo, name: string, email: string, message: string): Promise<void> {
  const env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: 'ci', GIT_COMMITTER_EMAIL: 'ci@x' };
  await execa('git', ['commit', '--allow-empty', '-q', '-m', message], { cwd: repo.dir, env });
}
