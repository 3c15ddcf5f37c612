import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';

export const LOCK_FILE = '.briefings.lock';
/** The temporary files of writeAtomically: .<name>.<uuid>.tmp */
const TEMP_FILE = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Checks that the output folder can be written, before anything is built. */
export async function checkWritable(outDir: string): Promise<void> {
  const probe = path.join(outDir, `.write-check.${randomUUID()}`);
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new BriefingError(
      'output',
      `cannot write to ${outDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); make it writable or choose another folder with --out`,
      [],
      { cause: error },
    );
  }
}

/**
 * One build at a time per output folder. A second build refuses, naming the first; a lock left by
 * a build that died is taken over. Temporary files a dead build left behind are removed.
 */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, started: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' });
      await removeTemporaryFiles(outDir);
      return async () => {
        await removeTemporaryFiles(outDir);
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // An unreadable or cut-short lock names no live build: it is taken over.
      const holder = await readFile(file, 'utf8')
        .then((t) => JSON.parse(t) as { pid?: number; started?: string })
        .catch(() => ({}) as { pid?: number; started?: string });
      if (typeof holder.pid === 'number' && holder.pid !== process.pid && alive(holder.pid))
        throw new BriefingError(
          'output',
          `another build (process ${holder.pid}, started ${holder.started ?? 'at an unknown time'}) is writing to ${outDir}; wait for it to finish or build into another folder with --out`,
        );
      await rm(file, { force: true });
    }
  }
  throw new BriefingError('output', `cannot take the lock ${file}; remove it if no build is running`);
}

export async function removeTemporaryFiles(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => TEMP_FILE.test(n)).map((n) => rm(path.join(outDir, n), { force: true })));
}
