import { alertmanagerCheck } from './alertmanager.js';
import { batchSizeCheck } from './batch-size.js';
import { ciStatusCheck } from './ci-status.js';
import { commandCheck } from './command.js';
import type { BuiltinCheck } from './define.js';
import { deployWindowCheck } from './deploy-window.js';
import { httpCheck } from './http.js';
import { pagerdutyCheck } from './pagerduty.js';
import { pullRequestsCheck } from './pull-requests.js';
import { statuspageCheck } from './statuspage.js';
import { translationsCheck } from './translations.js';

/** Every built-in check; a config names one by its `type`. */
export const builtinCheckList = [
  commandCheck,
  deployWindowCheck,
  batchSizeCheck,
  httpCheck,
  statuspageCheck,
  alertmanagerCheck,
  pagerdutyCheck,
  ciStatusCheck,
  pullRequestsCheck,
  translationsCheck,
] as const;

export const builtinChecks: Readonly<Record<string, BuiltinCheck>> = Object.fromEntries(
  builtinCheckList.map((check) => [check.type, check as BuiltinCheck]),
);
