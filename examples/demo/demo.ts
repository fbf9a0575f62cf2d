// `npm run demo`: the whole shipit story in a throwaway sandbox, on 127.0.0.1 only.
// Usage: tsx examples/demo/demo.ts [--keep]
import { createSandbox, type Sandbox } from './sandbox.js';
import { type GitHubServer, startFakeGitHub, startStatusPage } from './services.js';
import { configFile } from './storefront.js';
import { setTheScene, tellTheStory } from './story.js';
import { DemoStepError, Terminal } from './terminal.js';

const keep = process.argv.includes('--keep');
const started = performance.now();
let sandbox: Sandbox | undefined;
let github: GitHubServer | undefined;
let statusPage: Awaited<ReturnType<typeof startStatusPage>> | undefined;

async function cleanUp(): Promise<void> {
  await Promise.all([github?.close(), statusPage?.close()]);
  if (sandbox && !keep) await sandbox.remove();
}

const interrupted = new AbortController();
// `on`, not `once`: tsx ends the process itself on a signal nobody else listens to.
process.on('SIGINT', () => interrupted.abort());

try {
  sandbox = await createSandbox();
  github = await startFakeGitHub();
  statusPage = await startStatusPage();
  console.log(`Sandbox: ${sandbox.root}`);
  console.log(
    `A storefront repository with its origin, a fake GitHub at ${github.url} and a status page at ${statusPage.url}.`,
  );

  const env = { GITHUB_API_URL: github.url, GITHUB_TOKEN: github.token };
  const terminal = new Terminal(sandbox.checkout, env, interrupted.signal);
  const config = configFile({ repository: github.repository, statuspageUrl: statusPage.url });
  const world = { sandbox, github, terminal, config };
  await setTheScene(world);
  console.log("Monday's release (deploy #1) is already live in server/current.");
  await tellTheStory(world);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nThe whole story in ${seconds}s.`);
  if (keep) {
    console.log(`Kept the sandbox: cd ${sandbox.checkout} (deploys land in ${sandbox.server}).`);
    console.log(
      'The fake GitHub and status page stopped with the demo: use `shipit history` or `shipit status --no-fetch` there.',
    );
  }
  await cleanUp();
} catch (error) {
  await cleanUp();
  if (interrupted.signal.aborted) {
    console.error(`\ndemo interrupted${keep ? '' : ': sandbox removed'}`);
    process.exit(130);
  }
  const message =
    error instanceof DemoStepError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\ndemo failed: ${message}`);
  process.exit(1);
}
