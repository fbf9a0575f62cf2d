import { alertmanagerCheck } from './alertmanager.js';
import { commandCheck } from './command.js';
import type { BuiltinCheck } from './define.js';
import { httpCheck } from './http.js';
import { pagerdutyCheck } from './pagerduty.js';
import { statuspageCheck } from './statuspage.js';

/** Every built-in check, by the `type` a config names it with. */
export const builtinChecks: Record<string, BuiltinCheck> = {
  [commandCheck.type]: commandCheck,
  [httpCheck.type]: httpCheck,
  [statuspageCheck.type]: statuspageCheck,
  [alertmanagerCheck.type]: alertmanagerCheck,
  [pagerdutyCheck.type]: pagerdutyCheck,
};
