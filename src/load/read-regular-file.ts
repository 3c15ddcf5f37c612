import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a path could not be read as an ordinary file; `reason` reads "is a device, not a regular file". */
export class NotRegularFile extends Error {
  override readonly name = 'NotRegularFile';
  constructor(
    readonly file: string,
    readonly reason: string,
    /** A folder stands at the path (the commonest mistake of all, worded apart). */
    readonly folder = false,
  ) {
    super(`${file} ${reason}`);
  }
}

/** What stands at a path instead of a file, in words. */
function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not an ordinary file';
}

/**
 * Reads a file only if it is a regular file (after following links). Opening is non-blocking,
 * so a named pipe or a terminal (a link to /dev/stdin) is refused at once instead of waiting
 * for input for ever; the check is made on the opened file, so it cannot change in between.
 */
export async function readRegularFile(file: string, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotRegularFile(file, `is ${kindOf(stats)}, not a regular file`, stats.isDirectory());
    if (stats.size > maxBytes)
      throw new NotRegularFile(file, `is ${(stats.size / 1024 / 1024).toFixed(1)} MB; files here may have at most ${Math.round(maxBytes / 1024 / 1024)} MB`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
