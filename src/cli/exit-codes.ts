import type { ErrorCode } from '../problems.ts';

/** Documented in the README; scripts and CI rely on them. */
export const EXIT = {
  ok: 0,
  data: 1,
  render: 2,
  browser: 3,
  usage: 64,
  bug: 70,
  /** 128 + the signal's number, as shells report a command ended by it: SIGHUP, SIGINT, SIGTERM. */
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'data':
      return EXIT.data;
    case 'browser':
      return EXIT.browser;
    case 'usage':
      return EXIT.usage;
    case 'interrupted':
      return EXIT.interrupted;
    case 'template':
    case 'render':
    case 'output':
      return EXIT.render;
  }
}
