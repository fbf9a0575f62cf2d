import type { EnvironmentSetup } from './detect-environments.js';

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The `environments` section of the config `shipit init` writes, one block per environment found. */
export function environmentsSection(setup: EnvironmentSetup, variables: string[]): string[] {
  const names = setup.environments.map((environment) => environment.name);
  const promotes = names.includes('staging') && names.includes('production');
  const lines = [
    `  // One block per environment (found: ${setup.found}); \`--env\` picks one, production by default.`,
    '  // A block sets its own deploy, rollback, branch, github… over the shared keys; its checks are added',
    '  // to the shared ones (same name: replaced). Every rule: docs/environments.md.',
    ...variables,
    ...setup.notes.map((note) => `  // ${note}`),
    '  environments: {',
  ];
  for (const environment of setup.environments) {
    lines.push(`    ${environment.name}: {`);
    lines.push(`      deploy: { run: ${quote(environment.deploy)} },`);
    if (environment.rollback) lines.push(`      rollback: { run: ${quote(environment.rollback)} },`);
    if (promotes && environment.name === 'production') {
      lines.push(
        '      // `shipit deploy --env production --from` ships exactly what staging runs, once live for 30 minutes.',
        "      promote: { from: 'staging', soak: '30m' },",
      );
    }
    lines.push('    },');
  }
  lines.push('  },');
  return lines;
}
