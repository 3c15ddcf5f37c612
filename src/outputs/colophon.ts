import { createRequire } from 'node:module';
import type { Colophon } from '../schema/briefing-data.ts';
import { hashFiles, listFiles } from '../load/hash-files.ts';

const require = createRequire(import.meta.url);

/**
 * What made a briefing: the data version (a short hash of every file in the data folder, so two
 * builds from the same data say the same), the tool version, and the build date only when
 * SOURCE_DATE_EPOCH gives one (otherwise the output would change with the clock).
 */
export async function makeColophon(dataDir: string, date: Date | undefined): Promise<Colophon> {
  const pkg = require('../../package.json') as { name: string; version: string };
  return {
    dataVersion: (await hashFiles(dataDir, await listFiles(dataDir))).slice(0, 12),
    toolVersion: `${pkg.name} ${pkg.version}`,
    buildDate: date ? date.toISOString().slice(0, 10) : null,
  };
}
