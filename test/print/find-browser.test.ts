import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, installLocations } from '../../src/print/find-browser.ts';
import { main } from '../../src/cli.ts';

const emptyDir = () => mkdtempSync(path.join(os.tmpdir(), 'no-browser-'));

/** An executable file named like a browser in a fresh folder; returns its path. */
function fakeBrowser(name: string, dir = emptyDir()): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

describe('finding a browser', () => {
  it('takes --browser over everything else', () => {
    const chosen = fakeBrowser('my-chrome');
    expect(findBrowser({ explicit: chosen, env: { BRIEFINGS_BROWSER: process.execPath }, platform: 'linux' })).toEqual({ executablePath: chosen, foundBy: '--browser' });
  });

  it('refuses a --browser path where no executable is', () => {
    expect(() => findBrowser({ explicit: '/nowhere/chrome', env: {}, platform: 'linux' })).toThrow(/--browser \/nowhere\/chrome: no executable browser is there/);
  });

  it('takes the browser named by BRIEFINGS_BROWSER first', () => {
    expect(findBrowser({ env: { BRIEFINGS_BROWSER: process.execPath }, platform: 'linux' })).toEqual({ executablePath: process.execPath, foundBy: '$BRIEFINGS_BROWSER' });
  });

  it('refuses a variable that names no browser, saying which variable to fix', () => {
    expect(() => findBrowser({ env: { CHROME_PATH: '/nowhere/chrome' }, platform: 'linux' })).toThrow(/\$CHROME_PATH is set to \/nowhere\/chrome, but no executable browser is there/);
  });

  it('finds a chromium on PATH, in PATH order, before the install locations', () => {
    const first = fakeBrowser('chromium');
    const second = fakeBrowser('chromium');
    const env = { PATH: [emptyDir(), path.dirname(first), path.dirname(second)].join(':') };
    expect(findBrowser({ env, platform: 'linux' })).toEqual({ executablePath: first, foundBy: 'PATH' });
  });

  it('finds Microsoft Edge on PATH too', () => {
    const edge = fakeBrowser('microsoft-edge');
    expect(findBrowser({ env: { PATH: path.dirname(edge) }, platform: 'linux' }).executablePath).toBe(edge);
  });

  it('ignores a folder or a file that is not executable on PATH', () => {
    const dir = emptyDir();
    mkdirSync(path.join(dir, 'chromium'));
    writeFileSync(path.join(dir, 'google-chrome'), 'not a program');
    const env = { PATH: dir, PUPPETEER_CACHE_DIR: emptyDir() };
    expect(() => findBrowser({ env, platform: 'aix' })).toThrow(/no Chrome, Chromium or Edge was found/);
  });

  it('knows the per-user install locations of macOS and Windows, and Edge', () => {
    const mac = installLocations('darwin', {}, '/Users/ana');
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Users/ana/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    const win = installLocations('win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana');
    expect(win).toContain('C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(installLocations('linux', {})).toContain('/usr/bin/microsoft-edge');
  });

  it('finds a per-user macOS install under ~/Applications', () => {
    const home = emptyDir();
    const chrome = fakeBrowser('Applications/Google Chrome.app/Contents/MacOS/Google Chrome', home);
    expect(findBrowser({ env: { PATH: '' }, platform: 'darwin', home }).executablePath).toBe(chrome);
  });

  it('says what to install when no browser exists anywhere', () => {
    expect(() => findBrowser({ env: { PATH: emptyDir(), PUPPETEER_CACHE_DIR: emptyDir() }, platform: 'aix' })).toThrow(/apt-get install -y chromium.*--browser <path> or BRIEFINGS_BROWSER/);
  });

  it('makes the build exit with the "no browser" code and one message, not a stack trace nor one per briefing', async () => {
    const out: string[] = [];
    const saved = process.env.BRIEFINGS_BROWSER;
    process.env.BRIEFINGS_BROWSER = '/nowhere/chromium';
    try {
      const code = await main(['build', '--out', emptyDir(), 'fy2026-vs-fy2025', 'fy2024-vs-fy2023', 'mext-fy2026-vs-fy2025'], { out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.BRIEFINGS_BROWSER;
      else process.env.BRIEFINGS_BROWSER = saved;
    }
    const text = out.join('\n');
    expect(text.match(/\$BRIEFINGS_BROWSER is set to \/nowhere\/chromium/g)).toHaveLength(1);
    expect(text).not.toMatch(/\n\s+at /);
  });
});
