import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/find-browser.ts';
import { main } from '../../src/cli.ts';

const emptyHome = () => mkdtempSync(path.join(os.tmpdir(), 'no-browser-'));

describe('finding a browser', () => {
  it('takes the browser named by BRIEFINGS_BROWSER first', () => {
    expect(findBrowser({ BRIEFINGS_BROWSER: process.execPath }, 'linux')).toEqual({ executablePath: process.execPath, foundBy: '$BRIEFINGS_BROWSER' });
  });

  it('refuses a variable that names no browser, saying which variable to fix', () => {
    expect(() => findBrowser({ CHROME_PATH: '/nowhere/chrome' }, 'linux')).toThrow(/\$CHROME_PATH is set to \/nowhere\/chrome, but no executable browser is there/);
  });

  it('says what to install when no browser exists anywhere', () => {
    expect(() => findBrowser({ PUPPETEER_CACHE_DIR: emptyHome() }, 'aix')).toThrow(/apt-get install -y chromium.*BRIEFINGS_BROWSER/);
  });

  it('makes the build exit with the "no browser" code and a message, not a stack trace', async () => {
    const out: string[] = [];
    const saved = process.env.BRIEFINGS_BROWSER;
    process.env.BRIEFINGS_BROWSER = '/nowhere/chromium';
    try {
      const code = await main(['build', '--out', emptyHome()], { out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.BRIEFINGS_BROWSER;
      else process.env.BRIEFINGS_BROWSER = saved;
    }
    expect(out.join('\n')).toContain('$BRIEFINGS_BROWSER is set to /nowhere/chromium');
    expect(out.join('\n')).not.toMatch(/\n\s+at /);
  });
});
