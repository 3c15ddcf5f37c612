import path from 'node:path';

/**
 * A file as people read it in messages: relative to the working folder when it is inside it,
 * otherwise absolute. `../../tmp/x` tells a reader less than `/tmp/x` and cannot be pasted
 * into another shell.
 */
export function displayPath(file: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '') return '.';
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? absolute : relative;
}
