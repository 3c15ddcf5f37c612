import type { LayoutFinding } from '../inspect/layout-finding.ts';

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
  timings?: { render: number; assets: number; load: number; pdf: number; finalize: number; layout: number; write: number };
  blocked: string[];
  /** What the layout checks found in the printed PDF (see src/inspect/); a failed briefing keeps them when they failed it. */
  layout?: LayoutFinding[];
  error?: Error;
}
