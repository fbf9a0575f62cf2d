import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckRunSpec, GitHubServer } from '../../test/helpers/github-server/index.js';
import type { Sandbox } from './sandbox.js';
import { storefront } from './storefront.js';
import { expectThat, type Terminal } from './terminal.js';

const alice = { name: 'Alice Martin', email: 'alice@example.com' };
const bob = { name: 'Bob Okafor', email: 'bob@example.com' };
const carol = { name: 'Carol Chen', email: 'carol@example.com' };
const dave = { name: 'Dave Rossi', email: 'dave@example.com' };

const GREEN: CheckRunSpec[] = [{ name: 'test' }, { name: 'lint' }];

interface World {
  sandbox: Sandbox;
  github: GitHubServer;
  terminal: Terminal;
  config: string;
  /** What the team's Slack channel received, in order. */
  slack: string[];
}

/** Monday: the storefront and its first release (deploy #1). */
export async function setTheScene({ sandbox, github, terminal, config }: World): Promise<void> {
  const shas = [
    await sandbox.commit('Storefront skeleton with the catalog', storefront.skeleton(config), alice, {
      daysAgo: 3,
      time: '09:12',
    }),
    await sandbox.commit('Product page with add-to-cart', storefront.productPage(), bob, { daysAgo: 3, time: '14:40' }),
  ];
  for (const sha of shas) github.setCommit(sha, { checkRuns: GREEN });
  await sandbox.push();
  await terminal.shipitQuietly(['deploy', '--env', 'staging', '--yes']);
  await terminal.shipitQuietly(['deploy', '--env', 'production', '--from', 'staging', '--yes']);
}

/** Tuesday to Wednesday: a faulty commit held back, staging promoted, a release that fails verification. */
export async function tellTheStory({ sandbox, github, terminal, slack }: World): Promise<void> {
  const current = join(sandbox.server, 'current');
  const live = () => readdirSync(join(current, 'app/features')).sort();
  const short = (sha: string) => sha.slice(0, 7);

  const search = await sandbox.commit('Search products by name', storefront.search(), carol, {
    daysAgo: 1,
    time: '10:05',
  });
  const wishlist = await sandbox.commit('Wishlist: save products for later', storefront.wishlist(), dave, {
    daysAgo: 1,
    time: '11:30',
  });
  const cart = await sandbox.commit('Fix cart total rounding', storefront.cartRounding(), alice, {
    daysAgo: 1,
    time: '16:48',
  });
  const searchRun = `https://github.com/${github.repository}/actions/runs/4242`;
  github.setCommit(search, {
    checkRuns: [{ name: 'test', conclusion: 'failure', detailsUrl: searchRun }, { name: 'lint' }],
  });
  for (const sha of [wishlist, cart]) github.setCommit(sha, { checkRuns: GREEN });
  await sandbox.push();

  terminal.narrate("Tuesday: three commits landed since Monday's release. What would the next deploy ship?");
  await terminal.shipit(['status'], 0);

  terminal.narrate('Is it safe to deploy? Every check runs in parallel.');
  const check = await terminal.shipit(['check'], 1);
  expectThat(check.includes(short(search)), `the gate report to name the faulty commit ${short(search)}`);
  expectThat(check.includes(`shipit deploy --exclude ${short(search)}`), 'the report to suggest the way out');

  terminal.narrate('Deploying anyway is refused: the gate is red.');
  await terminal.shipit(['deploy', '--yes'], 1);

  terminal.narrate("Ship everything except Carol's search commit, to staging first:");
  const reason = 'search fails its tests; Carol is on it';
  await terminal.shipit(['deploy', '--env', 'staging', '--exclude', short(search), '--reason', reason, '--yes'], 0);

  terminal.narrate('Staging looks good: promote exactly what it runs to production, then watch its health.');
  await terminal.shipit(['deploy', '--env', 'production', '--from', 'staging', '--yes'], 0);
  terminal.show('readlink ../server/current', readlinkSync(current));
  terminal.show('ls ../server/current/app/features', live().join('  '));
  expectThat(!existsSync(join(current, 'app/features/search.js')), 'search.js not to be live');
  expectThat(existsSync(join(current, 'app/features/wishlist.js')), 'wishlist.js to be live');
  expectThat(existsSync(join(current, 'app/features/cart.js')), 'cart.js to be live');
  const afterExclusion = readlinkSync(current);

  const giftCards = await sandbox.commit('Gift cards at checkout', storefront.giftCards(), bob, {
    daysAgo: 0,
    time: '09:20',
  });
  const copy = await sandbox.commit('Checkout button says "Place your order"', storefront.checkoutCopy(), dave, {
    daysAgo: 0,
    time: '10:02',
  });
  for (const sha of [giftCards, copy]) github.setCommit(sha, { checkRuns: GREEN });
  await sandbox.push();

  terminal.narrate("Wednesday: two more commits, CI green. Carol's fix is not in yet, so her commit stays out:");
  const staging = await terminal.shipit(['deploy', '--env', 'staging', '--yes'], 0);
  expectThat(staging.includes(short(search)), `the deploy to show the standing exclusion of ${short(search)}`);

  terminal.narrate('Promoted to production, gift cards break checkout: verification fails and shipit rolls back.');
  await terminal.shipit(['deploy', '--env', 'production', '--from', 'staging', '--yes'], 3);
  terminal.show('ls ../server/current/app/features', live().join('  '));
  expectThat(!existsSync(join(current, 'app/features/gift-cards.js')), 'gift-cards.js to be gone after the rollback');
  expectThat(
    live().join() ===
      readdirSync(join(sandbox.server, afterExclusion, 'app/features'))
        .sort()
        .join(),
    "the rollback to serve Tuesday's release again",
  );

  terminal.narrate("Production stays locked until someone looks. Ship everything except Bob's gift cards:");
  await terminal.shipit(['unlock'], 0);
  const withoutGiftCards = ['--exclude', short(giftCards), '--reason', 'gift cards break checkout; Bob is on it'];
  await terminal.shipit(['deploy', ...withoutGiftCards, '--yes'], 0);
  terminal.show('ls ../server/current/app/features', live().join('  '));
  expectThat(existsSync(join(current, 'app/features/checkout.js')), 'checkout.js to be live');
  expectThat(!existsSync(join(current, 'app/features/gift-cards.js')), 'gift-cards.js to stay out');
  expectThat(!existsSync(join(current, 'app/features/search.js')), 'search.js to stay out');

  terminal.narrate('The whole team sees the same history (it lives in git refs on origin), and so did Slack:');
  await terminal.shipit(['history'], 0);
  await terminal.shipit(['status', '--all'], 0);
  terminal.show('# the #deploys channel', slack.join('\n'));
}
