import { openStateStore } from '../../src/state/store.js';
import { createWorld } from '../helpers/git-world.js';
import { describeStateStoreContract } from './contract.js';
import { ENV } from './helpers.js';

// The git refs backend, opened the way commands open it (by backend name), on two clones of one origin.
describeStateStoreContract('git', async () => {
  const world = await createWorld();
  const clones = { a: world.repo, b: await world.clone('b') };
  return {
    sha: await world.repo.head(),
    open: (machine, user = `${machine}-user`) =>
      openStateStore({ backend: 'git', cwd: clones[machine].dir, remote: 'origin', environment: ENV, user }),
    cleanup: () => world.cleanup(),
  };
});
