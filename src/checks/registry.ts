import { commandCheck } from './command.js';
import type { BuiltinCheck } from './define.js';

/** Every built-in check, by the `type` a config names it with. */
export const builtinChecks: Record<string, BuiltinCheck> = {
  [commandCheck.type]: commandCheck,
};
