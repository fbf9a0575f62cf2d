#!/usr/bin/env node
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('shipit is not built yet: run `npm run build` in the shipit-gate package.');
  process.exit(2);
}
await import(main.href);
