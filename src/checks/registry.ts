import type { BuiltinCheck } from './define.js';

/**
 * Every built-in check, by the `type` a config names it with. Each is loaded
 * only when a config uses it: the CLI's start-up time is paid on every run.
 */
export const builtinChecks = {
  command: async () => (await import('./command.js')).commandCheck,
  'deploy-window': async () => (await import('./deploy-window.js')).deployWindowCheck,
  'batch-size': async () => (await import('./batch-size.js')).batchSizeCheck,
  http: async () => (await import('./http.js')).httpCheck,
  statuspage: async () => (await import('./statuspage.js')).statuspageCheck,
  alertmanager: async () => (await import('./alertmanager.js')).alertmanagerCheck,
  pagerduty: async () => (await import('./pagerduty.js')).pagerdutyCheck,
  'ci-status': async () => (await import('./ci-status.js')).ciStatusCheck,
  'pull-requests': async () => (await import('./pull-requests.js')).pullRequestsCheck,
  translations: async () => (await import('./translations.js')).translationsCheck,
} satisfies Record<string, () => Promise<BuiltinCheck>>;

export type BuiltinType = keyof typeof builtinChecks;
export type BuiltinCheckOf<Type extends BuiltinType> = Awaited<ReturnType<(typeof builtinChecks)[Type]>>;

export const isBuiltinType = (type: string): type is BuiltinType => Object.hasOwn(builtinChecks, type);
