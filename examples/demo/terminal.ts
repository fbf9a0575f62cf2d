import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ISOLATED_GIT_ENV } from './sandbox.js';

const BIN = fileURLToPath(new URL('../../bin/shipit.js', import.meta.url));
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint(1);
const cyan = paint(36);

export class DemoStepError extends Error {}

/** Prints the story as a person would see it in their terminal, and runs the real CLI. */
export class Terminal {
  constructor(
    private readonly cwd: string,
    private readonly env: Record<string, string>,
    /** Ctrl-C: stops the running command and the story. */
    private readonly signal: AbortSignal,
  ) {}

  narrate(text: string): void {
    process.stdout.write(`\n${bold(text)}\n`);
  }

  /** Shows a command and what it printed, for the steps that are not shipit itself. */
  show(command: string, output: string): void {
    process.stdout.write(`${cyan(`$ ${command}`)}\n${output.trimEnd()}\n`);
  }

  /** Runs `shipit <args>` in the checkout, streaming its output; throws unless it exits with `expected`. */
  async shipit(args: string[], expected: number): Promise<string> {
    process.stdout.write(`${cyan(`$ shipit ${args.map(quote).join(' ')}`)}\n`);
    return this.run(args, expected, true);
  }

  /** The same, for setting the scene: its output shows only when it fails. */
  async shipitQuietly(args: string[]): Promise<string> {
    return this.run(args, 0, false);
  }

  private async run(args: string[], expected: number, echo: boolean): Promise<string> {
    this.signal.throwIfAborted();
    const child = execa('node', [BIN, ...args], {
      cwd: this.cwd,
      env: {
        ...this.env,
        ...ISOLATED_GIT_ENV,
        ...(color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1', FORCE_COLOR: undefined }),
        // Keep a demo run inside GitHub Actions from writing to that job's summary.
        GITHUB_STEP_SUMMARY: undefined,
      },
      extendEnv: true,
      all: true,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
      cancelSignal: this.signal,
    });
    if (echo) child.all?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    const result = await child;
    this.signal.throwIfAborted();
    if (result.exitCode !== expected) {
      if (!echo) process.stdout.write(`${cyan(`$ shipit ${args.map(quote).join(' ')}`)}\n${result.all}\n`);
      throw new DemoStepError(
        `\`shipit ${args.join(' ')}\` exited with ${result.exitCode ?? result.signal}, expected ${expected}: the story stops here (output above)`,
      );
    }
    return String(result.all ?? '');
  }
}

const quote = (arg: string) => (/^[\w./:#=-]+$/.test(arg) ? arg : `"${arg.replaceAll('"', '\\"')}"`);

/** Stops the demo with a clear message when what a user would see is not there. */
export function expectThat(condition: boolean, what: string): void {
  if (!condition) throw new DemoStepError(`expected ${what}`);
}
