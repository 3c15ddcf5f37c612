import { accessSync, constants, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BriefingError } from '../problems.ts';

/** Variables checked in order; the first that is set must name a browser that exists. */
export const BROWSER_ENV_VARS = ['BRIEFINGS_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

const SYSTEM_PATHS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Browsers that puppeteer's own installer left in its cache (~/.cache/puppeteer). */
function puppeteerCache(env: NodeJS.ProcessEnv): string[] {
  const root = env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  try {
    return readdirSync(path.join(root, 'chrome'))
      .sort()
      .reverse()
      .flatMap((version) => [
        path.join(root, 'chrome', version, 'chrome-linux64', 'chrome'),
        path.join(root, 'chrome', version, 'chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'),
        path.join(root, 'chrome', version, 'chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'),
        path.join(root, 'chrome', version, 'chrome-win64', 'chrome.exe'),
      ]);
  } catch {
    return [];
  }
}

export interface FoundBrowser {
  executablePath: string;
  foundBy: string;
}

/** An env variable, then system Chrome/Chromium, then puppeteer's cache; else a clear error. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform = process.platform): FoundBrowser {
  for (const name of BROWSER_ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (isExecutable(value)) return { executablePath: value, foundBy: `$${name}` };
    throw new BriefingError('browser', `$${name} is set to ${value}, but no executable browser is there. Correct the path or unset the variable.`);
  }
  for (const candidate of [...(SYSTEM_PATHS[platform] ?? []), ...puppeteerCache(env)])
    if (isExecutable(candidate)) return { executablePath: candidate, foundBy: 'a known install location' };
  throw new BriefingError(
    'browser',
    'no Chrome or Chromium was found to print the PDFs. Install one (Debian/Ubuntu: `apt-get install -y chromium`; macOS: Google Chrome) ' +
      `or set BRIEFINGS_BROWSER to the browser's executable. Looked in: ${[...(SYSTEM_PATHS[platform] ?? []), '~/.cache/puppeteer'].join(', ')}`,
  );
}
