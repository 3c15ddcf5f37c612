#!/usr/bin/env node
// `npm run compile` (and `npm ci`, through `prepare`): src/ → dist/ with tsc, then the hash of the
// sources it was made from, so that bin/briefings.js never runs JavaScript older than its TypeScript;
// the packages every command loads are bundled for a faster start (vendor-startup.js).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DIST_DIR, HASH_FILE, ROOT, sourceHash } from './source-hash.js';
import { vendorStartupPackages } from './vendor-startup.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// A clean dist/: a source file removed or renamed must not leave its old JavaScript behind.
rmSync(DIST_DIR, { recursive: true, force: true });
const hash = sourceHash();
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
await vendorStartupPackages(DIST_DIR, (text) => process.stderr.write(`compile: ${text}\n`));
writeFileSync(HASH_FILE, `${hash}\n`);
