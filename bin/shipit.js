#!/usr/bin/env node
import { existsSync } from 'node:fs';

// One bundled file (plus lazily loaded chunks) starts much faster than
// hundreds of ESM modules: start-up is paid on every command.
const main = new URL('../dist/bin/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('shipit is not built yet: run `npm run build` in the shipit-gate package.');
  process.exit(2);
}
await import(main.href);
