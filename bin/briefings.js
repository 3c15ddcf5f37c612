#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (made by `npm run compile`, which `npm ci` runs), so that no
// compiler runs at start-up. Where dist/ is missing or was compiled from other sources than those in
// src/ (a developer editing the TypeScript), runs the sources through tsx instead: never stale code.
import { distIsFresh } from './source-hash.js';

let main;
if (distIsFresh()) ({ main } = await import('../dist/cli.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
const code = await main(process.argv.slice(2));
// Exit now rather than when the event loop drains: after an interrupted build, puppeteer keeps
// a 30 s timer for a page that was being opened in the browser we closed. Everything the
// command writes is written by now (stdout and stderr are synchronous for files and pipes).
process.exit(code);
