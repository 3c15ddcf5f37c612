import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { onExit } from '../process/exit-cleanup.ts';

/**
 * Writes next to the target and renames over it: a reader sees the old complete file or the
 * new complete one, never half a PDF.
 */
export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  // Unique per write: two writes of one file at once must not share a temporary file.
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  // A forced exit (a signal) between writing and renaming must not leave it behind.
  const forget = onExit(() => rmSync(temp, { force: true }));
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new BriefingError(
      'output',
      `${file}: cannot write the output (${code ?? (error as Error).message}); check that ${dir} exists and is writable, or choose another folder with --out`,
      [],
      { cause: error },
    );
  } finally {
    forget();
  }
}
