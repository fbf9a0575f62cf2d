// `npm run demo`: the whole shipit story in a throwaway sandbox, on 127.0.0.1 only.
// Usage: tsx examples/demo/demo.ts [--keep]

import { join } from 'node:path';
import { createSandbox, type Sandbox } from './sandbox.js';
import {
  type GitHubServer,
  startFakeGitHub,
  startSlackReceiver,
  startStatusPage,
  startStorefrontHealth,
} from './services.js';
import { configFile } from './storefront.js';
import { setTheScene, tellTheStory } from './story.js';
import { DemoStepError, Terminal } from './terminal.js';

const keep = process.argv.includes('--keep');
const started = performance.now();
let sandbox: Sandbox | undefined;
let github: GitHubServer | undefined;
let services: { close(): Promise<void> }[] = [];

async function cleanUp(): Promise<void> {
  await Promise.all([github?.close(), ...services.map((service) => service.close())]);
  if (sandbox && !keep) await sandbox.remove();
}

const interrupted = new AbortController();
// `on`, not `once`: tsx ends the process itself on a signal nobody else listens to.
process.on('SIGINT', () => interrupted.abort());

try {
  sandbox = await createSandbox();
  github = await startFakeGitHub();
  const statusPage = await startStatusPage();
  // Checkout breaks while the live release has the gift cards feature.
  const health = await startStorefrontHealth(join(sandbox.server, 'current'), 'app/features/gift-cards.js');
  const slack = await startSlackReceiver();
  services = [statusPage, health, slack];
  console.log(`Sandbox: ${sandbox.root}`);
  console.log(
    `A storefront repository with its origin, a fake GitHub at ${github.url}, a status page, the storefront's health endpoint and a Slack webhook, all on 127.0.0.1.`,
  );

  const env = {
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: github.token,
    SLACK_WEBHOOK: `${slack.url}/services/T000/B000/demo`,
  };
  const terminal = new Terminal(sandbox.checkout, env, interrupted.signal);
  const config = configFile({
    repository: github.repository,
    statuspageUrl: statusPage.url,
    healthUrl: `${health.url}/health`,
  });
  const world = { sandbox, github, terminal, config, slack: slack.messages };
  await setTheScene(world);
  console.log("Monday's release (deploy #1) is already live in server/current.");
  await tellTheStory(world);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nThe whole story in ${seconds}s.`);
  if (keep) {
    console.log(`Kept the sandbox: cd ${sandbox.checkout} (deploys land in ${sandbox.server}).`);
    console.log(
      'The local services stopped with the demo: use `shipit history` or `shipit status --all --no-fetch` there.',
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
