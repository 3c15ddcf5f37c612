import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/process/process-alive.ts';
import { diagnoseLaunch } from '../../src/print/launch-diagnosis.ts';

/** A "browser" that is a shell script; it writes its pid where the test can read it. */
function fakeBrowser(script: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-diagnosed-'));
  const browser = path.join(dir, 'chrome');
  writeFileSync(browser, `#!/bin/sh\n${script}\n`);
  chmodSync(browser, 0o755);
  return browser;
}

const ownProfiles = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith(`briefings-chrome-${process.pid}-`));

describe('asking a browser that would not start what is wrong', () => {
  it("returns the browser's first words, without the log prefix", async () => {
    const browser = fakeBrowser('echo "[0101/000000.1:FATAL:zygote_host_impl_linux.cc] No usable sandbox!" >&2\nexit 1');
    expect(await diagnoseLaunch(browser, [])).toBe('No usable sandbox!');
    expect(ownProfiles()).toEqual([]);
  });

  it('says nothing about a browser that starts, and ends it with its helpers at the time limit', async () => {
    // The "browser" starts a helper of its own, as Chrome does; both must end.
    const pidFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fake-diagnosed-pid-')), 'helper.pid');
    const browser = fakeBrowser(`sleep 30 &\necho $! > ${pidFile}\nsleep 30`);
    const started = Date.now();
    expect(await diagnoseLaunch(browser, [], undefined, 300)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ownProfiles()).toEqual([]);
    const helper = Number(readFileSync(pidFile, 'utf8'));
    // A zombie (no parent left to reap it in a container) has ended too.
    const ended = () => {
      try {
        return !isProcessAlive(helper) || /\) Z /.test(readFileSync(`/proc/${helper}/stat`, 'utf8'));
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 20 && !ended(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended(), 'the helper is ended').toBe(true);
  });

  it('stops at once when the build is being closed, without waiting for its time limit', async () => {
    const browser = fakeBrowser('sleep 30');
    const started = Date.now();
    const stop = new Promise((resolve) => setTimeout(resolve, 100));
    expect(await diagnoseLaunch(browser, [], stop, 20_000)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ownProfiles()).toEqual([]);
  });

  it('says what stopped a browser that cannot be run at all', async () => {
    expect(await diagnoseLaunch('/nonexistent/chrome', [])).toMatch(/ENOENT/);
  });
});
