import { z } from 'zod';
import { MINISTRY_CODES, type MinistryCode } from './common.ts';
import type { Ministry } from './reference.ts';

/**
 * The short English ids people type (`--ministry mext`). They are not in data/reference.yaml,
 * whose English short names are how the ministries are printed ("Cabinet Office", not "cao").
 */
export const MINISTRY_IDS: Readonly<Record<MinistryCode, string>> = { こ: 'cfa', 総: 'mic', 文: 'mext', 厚: 'mhlw', 経: 'meti', 内: 'cao' };

/**
 * A ministry as a person names it in department.yaml, briefings.config.yaml or `--ministry`: its
 * code (文), its Japanese name or short name (文部科学省, 文科省, as in data/reference.yaml) or its
 * English id (mext). Read with resolveMinistry once the reference data is at hand.
 */
export const MinistryChoice = z
  .string()
  .min(1)
  .describe(`the ministry: its code (${MINISTRY_CODES.join(' ')}), its name as in data/reference.yaml (文部科学省 or 文科省) or its English id (${Object.values(MINISTRY_IDS).join(' ')})`);
export type MinistryChoice = z.infer<typeof MinistryChoice>;

type MinistryNames = Pick<Ministry, 'code' | 'name' | 'shortName' | 'nameEn' | 'shortNameEn'>;

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** Every way of naming each ministry, for the resolver and for messages. */
function namesOf(ministry: MinistryNames): string[] {
  return [...new Set([ministry.code, MINISTRY_IDS[ministry.code], ministry.name, ministry.shortName, ministry.nameEn, ministry.shortNameEn])];
}

/** The one reading of a ministry's name: the code, or undefined when nothing matches. */
export function resolveMinistry(input: string, ministries: readonly MinistryNames[]): MinistryCode | undefined {
  const wanted = fold(input);
  return ministries.find((m) => namesOf(m).some((name) => fold(name) === wanted))?.code;
}

/** What resolveMinistry accepts, for an error message: こ / cfa / こども家庭庁, 総 / mic / 総務省, … */
export function acceptedMinistries(ministries: readonly MinistryNames[]): string {
  return ministries.map((m) => [m.code, MINISTRY_IDS[m.code], m.name, ...(m.shortName !== m.name ? [m.shortName] : [])].join(' / ')).join('; ');
}
