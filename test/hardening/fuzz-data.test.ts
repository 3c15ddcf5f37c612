import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { validateDataset } from '../../src/validate/validate-dataset.ts';
import type { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError, isError, type Problem } from '../../src/problems.ts';
import { copyOf, DATA, pdfsIn, runCli, STACK_LINE, TEMPLATES, removeTempDirs, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Corrupts the real data files at random (seeded, so every failure can be replayed) and checks
 * that the data is refused the way a person can act on: validation reports problems instead of
 * throwing, each problem names a file of the data folder and says something, and a build stops
 * before printing anything.
 *
 * Replay or widen: FUZZ_SEED=<n> FUZZ_CASES=<n> [FUZZ_VERBOSE=1] npx vitest run test/hardening/fuzz-data.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260401) >>> 0;
const CASES = Number(process.env.FUZZ_CASES ?? 300);
/** At least this share of the cases must be refused, or the generator is not doing its job. */
const MIN_ERROR_SHARE = 0.6;

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same cases. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** 0 ≤ n < max */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(items.length)] as T;
  }
  bytes(length: number, from = 0): Buffer {
    return Buffer.from(Array.from({ length }, () => from + this.int(256 - from)));
  }
}

/** The data files the fuzzer corrupts, relative to the data folder. */
const FILES = ['reference.yaml', 'project-mapping.yaml', 'documents/fy2026-points.yaml', 'documents/fy2024-points.yaml'] as const;

interface Mutation {
  kind: string;
  /** What was done, precisely enough to see why a case failed. */
  detail: string;
  bytes: Buffer;
}

type Mutator = (source: Buffer, random: Random) => Mutation | undefined;

const lines = (source: Buffer): string[] => source.toString('utf8').split('\n');
const joined = (rows: readonly string[]): Buffer => Buffer.from(rows.join('\n'), 'utf8');

/** All matches of a global regex in a text, with their positions. */
function matches(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(pattern)];
}

function replaceAt(text: string, match: RegExpExecArray, replacement: string): string {
  return text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
}

/** A number written as a YAML value (after a colon, a comma, a bracket or a list dash). */
const NUMBER = /(?<=(?:^|[:,[{]|^\s*-)[ \t]*)-?\d+(?:\.\d+)?(?=[ \t]*(?:[,}\]#]|$))/gm;
/** A ministry code: a key of a breakdown, or the value of code:/ministry:. */
const MINISTRY = /[こ総文厚経内](?=\s*:)|(?<=\b(?:code|ministry):\s*)[こ総文厚経内]/g;
const PROJECT_ID = /\bp[23]-[a-z]+(?:-[a-z]+)*\b/g;
/** A mapping key on its own line (not a list entry, not a comment). */
const KEY_LINE = /^\s*[^\s#\-][^:#]*:(?:\s|$)/;

/** A random character: ASCII, kana, a CJK ideograph, an emoji, a space or a YAML indicator. */
function randomChar(random: Random): string {
  switch (random.int(6)) {
    case 0:
      return String.fromCharCode(0x21 + random.int(0x5e));
    case 1:
      return String.fromCharCode(0x3041 + random.int(0x56));
    case 2:
      return String.fromCharCode(0x4e00 + random.int(0x5200));
    case 3:
      return random.pick(['😀', '🏥', '\u200b', '\ufeff']);
    case 4:
      return random.pick([' ', '\t', ':', '#', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`', '"', "'"]);
    default:
      return random.pick(['こ', '総', '文', '厚', '経', '内', '財', '農', '環']);
  }
}

const MUTATORS: Record<string, Mutator> = {
  truncate: (source, random) => {
    const at = random.int(source.length);
    return { kind: 'truncate', detail: `cut at byte ${at} of ${source.length}`, bytes: source.subarray(0, at) };
  },
  number: (source, random) => {
    const text = source.toString('utf8');
    const found = matches(text, NUMBER);
    if (found.length === 0) return undefined;
    const match = random.pick(found);
    const n = match[0];
    const replacement = random.pick(['1e12', '1000000000000', `-${n.replace(/^-/, '')}`, `-1`, `${n}.37`, '0.001', 'abc', '"12"', '十二', 'null', '~', '.nan', '.inf']);
    return { kind: 'number', detail: `${n} at offset ${match.index} → ${replacement}`, bytes: Buffer.from(replaceAt(text, match, replacement), 'utf8') };
  },
  'delete-line': (source, random) => {
    const rows = lines(source);
    const at = random.int(rows.length);
    return { kind: 'delete-line', detail: `line ${at + 1}: ${JSON.stringify(rows[at])}`, bytes: joined(rows.filter((_, i) => i !== at)) };
  },
  'duplicate-key': (source, random) => {
    const rows = lines(source);
    const keyed = rows.flatMap((row, i) => (KEY_LINE.test(row) ? [i] : []));
    if (keyed.length === 0) return undefined;
    const at = random.pick(keyed);
    const copy = [...rows];
    copy.splice(at + 1, 0, rows[at] ?? '');
    return { kind: 'duplicate-key', detail: `line ${at + 1}: ${JSON.stringify(rows[at])}`, bytes: joined(copy) };
  },
  'binary-junk': (source, random) => {
    const rows = lines(source);
    const at = random.int(rows.length + 1);
    const variant = random.int(3);
    const junk =
      variant === 0
        ? Buffer.concat([random.bytes(random.int(10)), Buffer.from([0]), random.bytes(random.int(10))])
        : variant === 1
          ? Buffer.concat([Buffer.from('note: '), random.pick([Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe3, 0x81])])])
          : random.bytes(1 + random.int(40), 1);
    const before = Buffer.from(rows.slice(0, at).join('\n') + (at > 0 ? '\n' : ''), 'utf8');
    const after = Buffer.from((at < rows.length ? '\n' : '') + rows.slice(at).join('\n'), 'utf8');
    return { kind: 'binary-junk', detail: `before line ${at + 1}: ${junk.toString('hex')}`, bytes: Buffer.concat([before, junk, after]) };
  },
  'ministry-code': (source, random) => {
    const text = source.toString('utf8');
    const found = matches(text, MINISTRY);
    if (found.length === 0) return undefined;
    const match = random.pick(found);
    const replacement = randomChar(random);
    return { kind: 'ministry-code', detail: `${match[0]} at offset ${match.index} → ${JSON.stringify(replacement)}`, bytes: Buffer.from(replaceAt(text, match, replacement), 'utf8') };
  },
  empty: () => ({ kind: 'empty', detail: 'emptied', bytes: Buffer.alloc(0) }),
  indentation: (source, random) => {
    const rows = lines(source);
    const candidates = rows.flatMap((row, i) => (row.trim() !== '' && !row.trimStart().startsWith('#') ? [i] : []));
    if (candidates.length === 0) return undefined;
    const at = random.pick(candidates);
    const row = rows[at] ?? '';
    const indent = /^\s*/.exec(row)?.[0] ?? '';
    const body = row.slice(indent.length);
    const broken = random.pick([` ${indent}`, `   ${indent}`, indent.slice(1), indent.slice(3), `\t${indent}`, `${indent}${indent}  `]);
    if (broken === indent) return undefined;
    const copy = [...rows];
    copy[at] = broken + body;
    return { kind: 'indentation', detail: `line ${at + 1}: indent ${JSON.stringify(indent)} → ${JSON.stringify(broken)}`, bytes: joined(copy) };
  },
  'project-id': (source, random) => {
    const text = source.toString('utf8');
    const found = matches(text, PROJECT_ID);
    if (found.length === 0) return undefined;
    const match = random.pick(found);
    const replacement = `p${random.pick(['2', '3', '9'])}-${random.pick(['unknown', 'nonexistent', 'typo'])}-${random.int(1000)}`;
    return { kind: 'project-id', detail: `${match[0]} at offset ${match.index} → ${replacement}`, bytes: Buffer.from(replaceAt(text, match, replacement), 'utf8') };
  },
  'random-bytes': (source, random) => {
    const length = 1 + random.int(Math.max(2, source.length));
    return { kind: 'random-bytes', detail: `${length} random bytes`, bytes: random.bytes(length) };
  },
};
const KINDS = Object.keys(MUTATORS);

interface Case {
  index: number;
  file: string;
  mutation: Mutation;
}

/** The cases of a seed; a mutator that does not apply to the chosen file falls back to truncation. */
function generateCases(seed: number, count: number): Case[] {
  const random = new Random(seed);
  const cases: Case[] = [];
  for (let index = 0; index < count; index++) {
    const file = random.pick(FILES);
    const source = pristine.get(file) ?? Buffer.alloc(0);
    // Kinds in turn, so that every kind is exercised even in a short run.
    const kind = KINDS[index % KINDS.length] as string;
    const mutation = (MUTATORS[kind] as Mutator)(source, random) ?? (MUTATORS.truncate as Mutator)(source, random);
    if (!mutation) throw new Error('unreachable');
    cases.push({ index, file, mutation });
  }
  return cases;
}

const describeCase = (c: Case): string => `case ${c.index} (FUZZ_SEED=${SEED}) ${c.file}: ${c.mutation.kind} — ${c.mutation.detail}`;

const pristine = new Map<string, Buffer>(FILES.map((f) => [f, readFileSync(path.join(DATA, f))]));

/** One copy of the data folder for all cases; each case starts from the pristine files. */
const dataDir = copyOf(DATA, 'fuzz-data');
function restore(): void {
  for (const [file, bytes] of pristine) writeFileSync(path.join(dataDir, file), bytes);
}

/** A session that can never print: reaching it means data with errors got through. */
let printAttempts = 0;
const noPrinting = {
  started: false,
  generation: 0,
  connected: async () => false,
  openPages: async () => 0,
  close: async () => undefined,
  // Starting the browser already counts: it happens only once something is to be printed.
  warmUp: () => void printAttempts++,
  withPage: async () => {
    printAttempts++;
    throw new Error('the build tried to print from data with errors');
  },
} as unknown as BrowserSession;

const isInsideData = (file: string): boolean => path.resolve(file).startsWith(dataDir + path.sep);

describe(`${CASES} randomly corrupted datasets (seed ${SEED})`, () => {
  const cases = generateCases(SEED, CASES);
  const out = tempDir('fuzz-out');
  /** Cases that were refused, kept for the CLI check. */
  const refused: Case[] = [];

  it('the pristine copy is valid (so that each refusal comes from the corruption)', async () => {
    restore();
    const report = await validateDataset(dataDir);
    expect(report.problems.filter(isError)).toEqual([]);
  });

  it('is refused with located, worded problems, never a crash, and never reaches printing', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    const benign: string[] = [];
    for (const c of cases) {
      restore();
      writeFileSync(path.join(dataDir, c.file), c.mutation.bytes);
      const where = describeCase(c);

      let errors: Problem[];
      try {
        errors = (await validateDataset(dataDir)).problems.filter(isError);
      } catch (error) {
        failures.push(`${where}: validateDataset threw ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      for (const p of errors) {
        if (typeof p.message !== 'string' || p.message.trim() === '') failures.push(`${where}: a problem without a message: ${JSON.stringify(p)}`);
        if (typeof p.file !== 'string' || !isInsideData(p.file)) failures.push(`${where}: a problem whose file is not in the data folder: ${JSON.stringify(p)}`);
      }
      if (errors.length === 0) {
        benign.push(where);
        continue;
      }
      refused.push(c);

      const attempts = printAttempts;
      const outcome = await buildBriefings({ dataDir, templatesDir: TEMPLATES, outDir: out, session: noPrinting, force: true }).then(
        (results) => ({ resolved: results }),
        (error: unknown) => ({ rejected: error }),
      );
      if ('resolved' in outcome) failures.push(`${where}: the build went ahead (${outcome.resolved.map((r) => `${r.name} ${r.status}`).join(', ')})`);
      else if (!(outcome.rejected instanceof BriefingError) || outcome.rejected.code !== 'data')
        failures.push(`${where}: the build failed with ${outcome.rejected instanceof BriefingError ? `BriefingError(${outcome.rejected.code})` : String(outcome.rejected)} instead of BriefingError(data)`);
      if (printAttempts !== attempts) failures.push(`${where}: the build tried to print`);
      const pdfs = pdfsIn(out);
      if (pdfs.length > 0) failures.push(`${where}: PDFs were written: ${pdfs.join(', ')}`);
    }
    restore();

    expect(failures.slice(0, 20), `${failures.length} failure(s)`).toEqual([]);
    // Each kind of corruption was tried.
    expect(new Set(cases.map((c) => c.mutation.kind))).toEqual(new Set(CASES >= KINDS.length ? KINDS : KINDS.slice(0, CASES)));
    const share = refused.length / cases.length;
    console.info(`fuzz: ${cases.length} cases, ${refused.length} refused, ${benign.length} benign (seed ${SEED})`);
    // FUZZ_VERBOSE=1 lists the corruptions the data accepted, to judge whether they should have been.
    if (process.env.FUZZ_VERBOSE) console.info(benign.join('\n'));
    expect(share, `only ${refused.length} of ${cases.length} corruptions were refused; the generator is too gentle`).toBeGreaterThanOrEqual(MIN_ERROR_SHARE);
  });

  it('`briefings validate` exits 1 with a report, not a stack trace, for a few of them', { timeout: 60_000 }, async () => {
    expect(refused.length, 'the previous test must have refused some cases').toBeGreaterThan(0);
    // One refused case of each of a few kinds (the first ones found), each in its own copy.
    const preferred = ['binary-junk', 'random-bytes', 'truncate', 'duplicate-key', 'number', 'indentation', 'ministry-code', 'project-id', 'empty', 'delete-line'];
    const chosen = preferred.flatMap((kind) => refused.filter((c) => c.mutation.kind === kind).slice(0, 1)).slice(0, 5);
    expect(chosen.length).toBe(Math.min(5, new Set(refused.map((c) => c.mutation.kind)).size));
    const runs = await Promise.all(
      chosen.map(async (c) => {
        const dir = tempDir('fuzz-cli');
        cpSync(DATA, dir, { recursive: true });
        writeFileSync(path.join(dir, c.file), c.mutation.bytes);
        return { c, run: await runCli(['validate', '--data', dir]) };
      }),
    );
    for (const { c, run } of runs) {
      const where = describeCase(c);
      expect(run.code, `${where}\n${run.stdout}\n${run.stderr}`).toBe(1);
      expect(run.stdout + run.stderr, where).not.toMatch(STACK_LINE);
      expect(run.stdout + run.stderr, where).toContain(c.file.split('/').at(-1) ?? c.file);
    }
  });
});

// Found by the fuzzer (a truncation in the middle of a multi-byte character was accepted): bytes
// that are not UTF-8 are decoded to U+FFFD without a word, and the replacement characters end up
// printed in the briefing.
describe('a data file with bytes that are not UTF-8 inside a text value', () => {
  it('is refused, naming the file, instead of printing replacement characters', async () => {
    const dir = copyOf(DATA, 'fuzz-utf8');
    const file = path.join(dir, 'documents', 'fy2026-points.yaml');
    const source = readFileSync(file);
    const at = source.indexOf(Buffer.from('GAPFREE'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, Buffer.concat([source.subarray(0, at), Buffer.from([0xff, 0xfe, 0xe3, 0x81]), source.subarray(at)]));
    const errors = (await validateDataset(dir)).problems.filter(isError);
    expect(errors.map((p) => p.file)).toContain(file);
  });
});
