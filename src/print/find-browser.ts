import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BriefingError } from '../problems.ts';

/** Variables checked in order; the first that is set must name a browser that exists. */
export const BROWSER_ENV_VARS = ['BRIEFINGS_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Names a Chrome-family browser goes by on PATH, most likely first. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome', 'microsoft-edge-stable', 'microsoft-edge', 'msedge'];

type Platform = NodeJS.Platform | string;

/**
 * Where browsers are installed when they are not on PATH: system-wide first, then per-user
 * installs (Chrome and Edge can be installed for one user on Windows and macOS without admin rights).
 */
export function installLocations(platform: Platform, env: NodeJS.ProcessEnv, home = os.homedir()): string[] {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome-stable',
        '/usr/bin/google-chrome',
        '/snap/bin/chromium',
        '/opt/google/chrome/chrome',
        '/usr/bin/microsoft-edge-stable',
        '/usr/bin/microsoft-edge',
        '/opt/microsoft/msedge/msedge',
      ];
    case 'darwin': {
      const apps = [
        'Google Chrome.app/Contents/MacOS/Google Chrome',
        'Chromium.app/Contents/MacOS/Chromium',
        'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      ];
      return [...apps.map((a) => path.posix.join('/Applications', a)), ...apps.map((a) => path.posix.join(home, 'Applications', a))];
    }
    case 'win32': {
      const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local')];
      const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
      return roots.flatMap((root) => apps.map((app) => path.win32.join(root, app)));
    }
    default:
      return [];
  }
}

const isExecutable = (file: string, platform: Platform): boolean => {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit: a file that exists is taken.
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browsers on PATH, in PATH order, by the names above. */
function onPath(env: NodeJS.ProcessEnv, platform: Platform): string[] {
  const sep = platform === 'win32' ? ';' : ':';
  const dirs = (env.PATH ?? env.Path ?? '').split(sep).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';').filter(Boolean) : [''];
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return PATH_NAMES.flatMap((name) => dirs.flatMap((dir) => exts.map((ext) => join(dir, name + ext.toLowerCase()))));
}

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

export interface FindBrowserOptions {
  /** `--browser <path>`: wins over everything else. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  platform?: Platform;
  home?: string;
}

/**
 * `--browser`, then an env variable, then a Chrome-family browser on PATH, then the usual install
 * locations (system-wide and per user), then puppeteer's cache; else one error that says what to do.
 */
export function findBrowser(options: FindBrowserOptions = {}): FoundBrowser {
  const { env = process.env, platform = process.platform, home = os.homedir() } = options;
  if (options.explicit !== undefined) {
    if (isExecutable(options.explicit, platform)) return { executablePath: options.explicit, foundBy: '--browser' };
    throw new BriefingError('browser', `--browser ${options.explicit}: no executable browser is there. Give the path of Chrome, Chromium or Edge.`);
  }
  for (const name of BROWSER_ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (isExecutable(value, platform)) return { executablePath: value, foundBy: `$${name}` };
    throw new BriefingError('browser', `$${name} is set to ${value}, but no executable browser is there. Correct the path or unset the variable.`);
  }
  for (const candidate of onPath(env, platform)) if (isExecutable(candidate, platform)) return { executablePath: candidate, foundBy: 'PATH' };
  const locations = installLocations(platform, env, home);
  for (const candidate of [...locations, ...puppeteerCache(env)])
    if (isExecutable(candidate, platform)) return { executablePath: candidate, foundBy: 'a known install location' };
  throw new BriefingError(
    'browser',
    'no Chrome, Chromium or Edge was found to print the PDFs. Install one (Debian/Ubuntu: `apt-get install -y chromium`; macOS and Windows: Google Chrome) ' +
      `or name it with --browser <path> or BRIEFINGS_BROWSER. Looked on PATH (${PATH_NAMES.join(', ')}) and in: ${[...locations, '~/.cache/puppeteer'].join(', ')}`,
  );
}
