import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

const IDENTITY = ['-c', 'user.name=b', '-c', 'user.email=b@b'];

/** A temp git repository on `main` with one empty commit and one config file: what a bench run of the CLI needs. */
export async function repoWithConfig(name: string, text: string, prefix = 'shipit-bench-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await execa('git', ['init', '-q', '-b', 'main', dir]);
  await execa('git', [...IDENTITY, 'commit', '-q', '--allow-empty', '-m', 'init'], { cwd: dir });
  await writeFile(join(dir, name), text);
  return dir;
}

/**
 * A clone of a bare `origin` (a local path) holding one commit on `main`, with one config file:
 * a run of the CLI fetches the branch and the state from it, as a team's clone would.
 * `root` holds both (remove it to clean up); `dir` is the clone.
 */
export async function cloneWithConfig(
  name: string,
  text: string,
  prefix = 'shipit-bench-',
): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const origin = join(root, 'origin.git');
  const seed = join(root, 'seed');
  const dir = join(root, 'clone');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  await mkdir(seed);
  await execa('git', ['init', '-q', '-b', 'main', seed]);
  await execa('git', [...IDENTITY, 'commit', '-q', '--allow-empty', '-m', 'init'], { cwd: seed });
  await execa('git', ['push', '-q', origin, 'main'], { cwd: seed });
  await execa('git', ['clone', '-q', origin, dir]);
  await writeFile(join(dir, name), text);
  return { root, dir };
}
