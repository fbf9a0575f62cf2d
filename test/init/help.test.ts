import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const shipit = (...args: string[]) => runCli(args, { cwd: ROOT });

const optionsOf = (help: string) => new Set(help.match(/(?<=^\s+(?:-\w, )?)--[\w-]+/gm) ?? []);

describe('help that teaches', () => {
  it('gives every command a description and examples that use only options it has', async () => {
    const root = await shipit('--help');
    expect(root.exitCode).toBe(0);
    const commands = [...root.stdout.matchAll(/^ {2}([a-z]+) (?:\[options\]|\[command\])?/gm)]
      .map((match) => match[1] as string)
      .filter((name) => name !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['init', 'check', 'deploy', 'rollback', 'status', 'history']));
    const globalOptions = optionsOf(root.stdout);

    for (const command of commands) {
      const help = await shipit(command, '--help');
      expect(help.exitCode, command).toBe(0);
      const [usage, , description] = help.stdout.split('\n');
      expect(usage).toMatch(new RegExp(`^Usage: shipit ${command} \\[options\\]( <\\w+>)?$`));
      expect(description?.length, `${command} has a description`).toBeGreaterThan(10);
      const examples = help.stdout.split('\n').filter((line) => line.startsWith('  $ shipit '));
      expect(examples.length, `${command} has examples`).toBeGreaterThan(0);
      const known = new Set([...optionsOf(help.stdout), ...globalOptions]);
      for (const example of examples) {
        expect(example, 'an example of its own command').toMatch(new RegExp(`^  \\$ shipit ${command}\\b`));
        for (const flag of example.match(/(?<= )--[\w-]+/g) ?? []) expect(known, `${example}: ${flag}`).toContain(flag);
      }
    }
  });

  it('explains what shipit init detects', async () => {
    const help = await shipit('init', '--help');
    expect(help.stdout).toContain('--force');
    expect(help.stdout).toContain('$ shipit init');
    expect(help.stdout).toMatch(/Kamal or Capistrano/);
  });

  it('suggests the nearest command for a typo', async () => {
    const typo = await shipit('deplyo');
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("unknown command 'deplyo'");
    expect(typo.stderr).toContain('(Did you mean deploy?)');
    expect((await shipit('int')).stderr).toContain('(Did you mean init?)');
  });
});
