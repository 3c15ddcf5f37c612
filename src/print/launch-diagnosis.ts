import { spawn } from 'node:child_process';
import { onExit } from '../process/exit-cleanup.ts';
import { createProfile, removeProfile } from './browser-profile.ts';

/**
 * What the browser itself says when it cannot start. Driven over a pipe, Chrome's own words (a
 * missing library, a sandbox that cannot start) never reach puppeteer's error, which only says
 * that the target closed: so the browser is started once more, briefly, with the same switches and
 * its output read. A browser that does start is ended after `ms`; its words are then none.
 *
 * It runs asynchronously, so that a signal meanwhile is handled at once, and `stop` (the build
 * being closed) ends it early. It runs in a process group of its own, so that ending it ends its
 * helper processes too, and its profile goes with it however the process exits.
 */
export async function diagnoseLaunch(executablePath: string, args: readonly string[], stop?: Promise<unknown>, ms = 5000): Promise<string | undefined> {
  // Named like the build's own profiles: one left by a build killed meanwhile is swept by the next.
  const profile = createProfile();
  const remove = () => removeProfile(profile);
  const forget = onExit(remove);
  try {
    return await new Promise<string | undefined>((resolve) => {
      let output = '';
      let ended = false;
      const child = spawn(executablePath, [...args, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let exited = false;
      const end = () => {
        // The build may close long after the diagnosis ended: its pid may be someone else's by then.
        if (exited) return;
        ended = true;
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(end, ms);
      void stop?.then(end, end);
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('error', (error) => {
        exited = true;
        clearTimeout(timer);
        resolve(error.message);
      });
      child.once('close', (code) => {
        exited = true;
        clearTimeout(timer);
        // Ended by the time limit or the build: it started, or nobody is waiting for the answer.
        if (ended) return resolve(undefined);
        const said = output
          .split('\n')
          .map((l) => l.replace(/^\[[^\]]*\]\s*/, '').trim())
          .filter((l) => l && !/^DevTools listening/.test(l))
          .slice(0, 3)
          .join(' / ');
        resolve(said || (code !== 0 ? `it exited with code ${code}` : undefined));
      });
    });
  } finally {
    forget();
    try {
      remove();
    } catch {
      // A folder still being written by a dying helper: the next build's sweep takes it.
    }
  }
}
