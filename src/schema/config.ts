import { z } from 'zod';
import { ConfiguredBriefing } from './briefing.ts';

export const OutputFormat = z.enum(['pdf', 'xlsx', 'json']);
export type OutputFormat = z.infer<typeof OutputFormat>;

/**
 * briefings.config.yaml: what `briefings build` builds and where. Paths are relative to the
 * config file. Department editions (one per templates/departments/<id>) are added unless
 * `departmentEditions` is false; the year comparison of the newest edition is added unless
 * `latestComparison` is false, so that a new edition needs no change here.
 */
export const BuildConfig = z.strictObject({
  data: z.string().min(1).default('data'),
  templates: z.string().min(1).default('templates'),
  out: z.string().min(1).default('out'),
  departmentEditions: z.boolean().default(true),
  latestComparison: z
    .boolean()
    .default(true)
    .describe('add fy<N>-vs-fy<N-1> for the newest edition the data can compare, unless listed under briefings'),
  // 3 on two cores: while Chrome prints two pages, Node renders the next.
  concurrency: z.number().int().min(1).max(16).default(3),
  timeoutSeconds: z.number().positive().max(600).default(60),
  strictLayout: z
    .boolean()
    .default(false)
    .describe('a layout finding (a lone table row, a heading at the foot of a page, …) fails its briefing instead of being a warning; --strict-layout turns it on'),
  browserWs: z
    .array(z.string().regex(/^wss?:\/\/[^\s]+$/, { message: 'expected a DevTools endpoint such as ws://127.0.0.1:9222/devtools/browser/…' }))
    .default([])
    .describe('running Chromes to print with instead of launching one (a pool: pages are spread over them); --browser-ws overrides'),
  outputs: z
    .array(OutputFormat)
    .min(1, 'list at least one output: pdf, xlsx or json')
    .default(['pdf', 'xlsx', 'json'])
    .refine((list) => new Set(list).size === list.length, { message: 'an output is listed twice' })
    .describe('what each briefing is written as: the PDF, its workbook (.xlsx) and its figures (.json); the PDF carries the others attached'),
  author: z
    .string()
    .trim()
    .min(1, 'write who publishes the briefings, e.g. author: "Research Policy Office"')
    .optional()
    .describe("the PDFs' author (Author, dc:creator): who publishes the briefings; ministry editions name their department instead. Default: the tool's name"),
  briefings: z
    .array(ConfiguredBriefing)
    .default([])
    .refine((list) => new Set(list.map((b) => b.name)).size === list.length, { message: 'two briefings have the same name (the name is the PDF file name)' }),
});
export type BuildConfig = z.infer<typeof BuildConfig>;
