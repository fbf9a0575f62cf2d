import type { Output } from '../cli/output.js';
import { type Promotion, readPromotion } from '../deploy/promote.js';
import { releaseRefName } from '../deploy/release-ref.js';
import { ShipitError } from '../errors.js';
import type { StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { openProjectStore, type Project, projectFor } from './project.js';

interface PromoteOptions {
  /** `--from <env>`, or `--from` alone for the config's `promote.from`. */
  from?: string | true;
  ref?: string;
  exclude?: string[];
  include?: string[];
}

/** `deploy --from`: what the source environment runs, once it may be promoted; undefined without --from. */
export async function promotionFor(
  project: Project,
  store: StateStore,
  options: PromoteOptions,
  output: Output,
): Promise<Promotion | undefined> {
  if (!options.from) return undefined;
  const from = options.from === true ? project.promote?.from : options.from;
  if (!from) {
    throw new ShipitError(
      'promote-refused',
      `--from names no environment and ${project.environment} has no promote.from`,
      {
        hint: `pass --from <environment>, or set environments.${project.environment}.promote.from`,
      },
    );
  }
  const mixed = [
    options.ref && '--ref',
    options.exclude?.length && '--exclude',
    options.include?.length && '--include',
  ];
  const conflicting = mixed.filter(Boolean);
  if (conflicting.length) {
    throw new ShipitError(
      'promote-refused',
      `--from ships exactly what ${from} runs: it cannot be combined with ${conflicting.join(', ')}`,
      {
        hint: `deploy ${from} with those options first, then promote it`,
      },
    );
  }
  const source = projectFor(project, from);
  const sourceStore = await openProjectStore(source);
  if (sourceStore.remote) await sourceStore.refresh();
  // Stricter than liveAndLedger on purpose: a promotion builds only on releases that went live cleanly (`success`).
  const ledger = (await store.listRecords()).find(
    (record) => record.status === 'success' && record.action === 'deploy',
  );
  const promotion = await readPromotion(sourceStore, {
    from,
    to: project.environment,
    soakMs: project.promote?.soak ?? 0,
    now: now(),
    repoRoot: project.repoRoot,
    remote: sourceStore.remote,
    releaseRef: releaseRefName(from, source.config.release?.ref),
    standing: ledger?.excluded ?? [],
  });
  output.info(
    `Promoting ${from}'s deploy #${promotion.deployId} (${shortSha(promotion.sha)}) to ${project.environment}.`,
  );
  return promotion;
}

/** SHIPIT_NOW rehearses a promotion at another time, as it does for the deploy window. */
function now(): Date {
  const text = process.env.SHIPIT_NOW;
  if (!text) return new Date();
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new ShipitError('promote-refused', `SHIPIT_NOW is not a date: ${text}`, {
      hint: 'use an ISO date like 2026-11-24T15:30:00Z, or unset it',
    });
  }
  return date;
}
