import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { launchDetail } from '../../src/print/browser-session.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A folder anyone may write to, holding a "browser" that is a shell script. */
function fakeBrowser(script: string): { dir: string; browser: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-browser-'));
  chmodSync(dir, 0o777);
  const browser = path.join(dir, 'chrome');
  writeFileSync(browser, `#!/bin/sh\n${script}\n`);
  chmodSync(browser, 0o755);
  return { dir, browser };
}

describe("the browser's own words when it cannot start", () => {
  it("takes Chrome's message from puppeteer's error instead of its exit code", () => {
    const message =
      'Failed to launch the browser process:  Code: 127\n\nstderr:\n/opt/chrome/chrome: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory\n\nTROUBLESHOOTING: https://pptr.dev/troubleshooting\n';
    expect(launchDetail(message)).toBe('/opt/chrome/chrome: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory');
    expect(launchDetail('Timed out after 30000 ms while waiting for the WS endpoint URL to appear in stdout!')).toMatch(/^Timed out/);
  });

  it('names the missing library, once for the whole build, and exits 3', { timeout: 120_000 }, async () => {
    const { dir, browser } = fakeBrowser('echo "$0: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory" >&2\nexit 127');
    const lines: string[] = [];
    const code = await main(['build', '-o', path.join(dir, 'out'), '--browser', browser, 'fy2024-vs-fy2023', 'cfa-fy2026-vs-fy2025'], { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    const text = lines.join('\n');
    expect(code, text).toBe(3);
    expect(text.match(/error while loading shared libraries: libnss3\.so/g)).toHaveLength(1);
    expect(text).toContain('A library it needs (libnss3.so) is not installed');
    expect(text).not.toMatch(/\n\s+at /);
  });
});

describe("Chrome's sandbox", () => {
  // A browser that, like Chrome in a container without user namespaces, cannot start its sandbox;
  // without the sandbox it gets further and fails for another reason, which ends the test quickly.
  const SCRIPT = 'case " $* " in *" --no-sandbox "*) echo "started without the sandbox, then failed" >&2 ;; *) echo "No usable sandbox! Update your kernel" >&2 ;; esac\nexit 1';

  it('is off as root, and the build says so', { timeout: 120_000 }, async () => {
    if (process.getuid?.() !== 0) return;
    const { dir, browser } = fakeBrowser(SCRIPT);
    const lines: string[] = [];
    await main(['build', '-o', path.join(dir, 'out'), '--browser', browser, 'fy2024-vs-fy2023'], { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    const text = lines.join('\n');
    expect(text).toContain("note: Chrome's sandbox is off: the build runs as root, where Chrome cannot use it");
    expect(text).toContain('started without the sandbox, then failed');
  });

  // As root the command runs as the user nobody, who must be able to read the project (a clone under
  // /root is not readable to others: there the test cannot run as an ordinary user and is skipped).
  const asRoot = process.getuid?.() === 0;
  const readableByNobody = !asRoot || spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-r', path.join(ROOT, 'bin', 'briefings.js')]).status === 0;

  it.skipIf(!readableByNobody)('is tried first when not root, and left off only where it cannot start, saying so', { timeout: 180_000 }, async () => {
    const { dir, browser } = fakeBrowser(SCRIPT);
    // As root, run the command as an ordinary user (nobody), as a developer's machine would.
    const asUser = asRoot ? (['runuser', ['-u', 'nobody', '--', process.execPath]] as const) : ([process.execPath, []] as const);
    const run = await promisify(execFile)(asUser[0], [...asUser[1], path.join(ROOT, 'bin', 'briefings.js'), 'build', '-o', path.join(dir, 'out'), '--browser', browser, 'fy2024-vs-fy2023'], {
      cwd: ROOT,
      env: { ...process.env, HOME: dir },
      timeout: 150_000,
    }).then(
      (r) => ({ code: 0, text: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, text: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(run.code, run.text).toBe(3);
    expect(run.text).toContain("note: Chrome's sandbox cannot start on this machine (No usable sandbox! Update your kernel): printing without it");
    expect(run.text).toContain('started without the sandbox, then failed');
  });
});
