import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** A temp git repository on `main` with one empty commit and one config file: what a bench run of the CLI needs. */
export async function repoWithConfig(name: string, text: string, prefix = 'shipit-bench-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await execa('git', ['init', '-q', '-b', 'main', dir]);
  await execa('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '--allow-empty', '-m', 'init'], {
    cwd: dir,
  });
  await writeFile(join(dir, name), text);
  return dir;
}
