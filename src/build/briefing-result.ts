/** What became of one briefing in a build; shared by the plan (build-briefings.ts), the builder (build-one.ts) and the progress lines. */
export interface BriefingResult {
  name: string;
  status: 'built' | 'skipped' | 'failed';
  file?: string;
  pages?: number;
  bytes?: number;
  sha256?: string;
  durationMs: number;
  /** Where the time went, in milliseconds: view models, charts and templates; fonts and assets; page load; printing; PDF finishing; writing. */
  timings?: { render: number; assets: number; load: number; pdf: number; finalize: number; write: number };
  blocked: string[];
  error?: Error;
}
