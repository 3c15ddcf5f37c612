import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onExit } from '../build/exit-cleanup.ts';
import { removeProfile } from './browser-profile.ts';

/**
 * What the browser itself says when it cannot start. Driven over a pipe, Chrome's own words (a
 * missing library, a sandbox that cannot start) never reach puppeteer's error, which only says
 * that the target closed: so the browser is started once more, briefly, with the same switches and
 * its output read. A browser that does start is ended after a few seconds; its words are then none.
 */
export function diagnoseLaunch(executablePath: string, args: readonly string[], ms = 5000): string | undefined {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'briefings-diagnose-'));
  // The browser killed at the time limit may leave helper processes writing to its profile for a
  // moment; they are ended with it. The exit net covers a build stopped by a signal meanwhile.
  const remove = () => removeProfile(profile);
  const forget = onExit(remove);
  try {
    const run = spawnSync(executablePath, [...args, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
      timeout: ms,
      killSignal: 'SIGKILL',
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (run.error && (run.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') return run.error.message;
    if (run.signal === 'SIGKILL') return undefined;
    const said = `${run.stderr ?? ''}\n${run.stdout ?? ''}`
      .split('\n')
      .map((l) => l.replace(/^\[[^\]]*\]\s*/, '').trim())
      .filter((l) => l && !/^DevTools listening/.test(l))
      .slice(0, 3)
      .join(' / ');
    return said || (run.status !== 0 ? `it exited with code ${run.status}` : undefined);
  } finally {
    forget();
    remove();
  }
}
