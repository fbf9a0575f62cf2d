import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

// The CLI's process-level handlers, in a real node process (the built module):
// a stray rejection must not end shipit on the spot, skipping its bookkeeping.
const faults = fileURLToPath(new URL('../../dist/cli/process-faults.js', import.meta.url));
const listeners = fileURLToPath(new URL('../../dist/exec/fault-listeners.js', import.meta.url));

const runScript = (body: string) =>
  execa(
    'node',
    [
      '--input-type=module',
      '-e',
      `import { installFaultHandlers } from ${JSON.stringify(faults)};\nimport { onProcessFault } from ${JSON.stringify(listeners)};\n${body}`,
    ],
    {
      reject: false,
      env: { NO_COLOR: '1' },
    },
  );

describe('installFaultHandlers', () => {
  it('tells the work under way, which then stops through its own path with its bookkeeping', async () => {
    const result = await runScript(`
installFaultHandlers({ verbose: false, json: false });
const stop = new AbortController();
onProcessFault(() => stop.abort());
setTimeout(() => Promise.reject(new Error('stray')), 10);
try {
  await new Promise((resolve, reject) => stop.signal.addEventListener('abort', () => reject(new Error('aborted'))));
} catch (error) {
  process.exitCode = 130;
} finally {
  console.log('bookkeeping ran');
}
`);
    expect(result.stderr).toContain('shipit: unexpected error: stray; stopping');
    expect(result.stdout).toBe('bookkeeping ran');
    expect(result.exitCode).toBe(130); // the work's own way out, not node's crash (1) nor the fallback (3)
  });

  it('with nothing under way, reports one line and exits 3', async () => {
    const result = await runScript(`
installFaultHandlers({ verbose: false, json: false });
setTimeout(() => { throw new Error('thrown from a timer'); }, 10);
setTimeout(() => console.log('never'), 5000);
`);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/^error\[unexpected\] thrown from a timer$/m);
    expect(result.stderr).not.toMatch(/at .*:\d+:\d+/);
    expect(result.stdout).toBe('');
  });
});
