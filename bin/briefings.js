#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
// Exit now rather than when the event loop drains: after an interrupted build, puppeteer keeps
// a 30 s timer for a page that was being opened in the browser we closed. Everything the
// command writes is written by now (stdout and stderr are synchronous for files and pipes).
process.exit(code);
