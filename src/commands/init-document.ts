import type { ProjectFacts } from '../init/detect.js';

/** `shipit init --json`: the file written and what was found (docs/schemas/init.schema.json). */
export function initDocument(facts: ProjectFacts, written: { file: string; path: string; replaced: string | null }) {
  const { github, deploy, environments } = facts;
  return {
    ...written,
    detected: {
      branch: { name: facts.branch, source: facts.branchSource },
      github: github
        ? {
            repository: github.repository,
            baseUrl: github.baseUrl ?? null,
            requiredChecks: facts.requiredChecks ?? null,
          }
        : null,
      locales: facts.locales.map(({ folder, files, source, locales }) => ({ folder, files, source, locales })),
      deploy: deploy ? { found: deploy.found, run: deploy.deploy, rollback: deploy.rollback ?? null } : null,
      environments: environments
        ? {
            found: environments.found,
            environments: environments.environments.map(({ name, deploy: run, rollback }) => ({
              name,
              run,
              rollback: rollback ?? null,
            })),
          }
        : null,
    },
  };
}
