import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBriefings, type BriefingResult } from '../build/build-briefings.ts';
import type { LayoutFinding } from '../inspect/layout-finding.ts';
import { BrowserSession } from '../print/browser-session.ts';
import { BriefingError } from '../problems.ts';
import type { ConfiguredBriefing } from '../schema/briefing.ts';

export interface PreviewSource {
  name: string;
  dataDir: string;
  templatesDir: string;
  briefings?: readonly ConfiguredBriefing[];
  departmentEditions?: boolean;
  latestComparison?: boolean;
  /** Each build's time-out (the config's timeoutSeconds), as in `briefings build`. */
  timeoutMs?: number;
}

/** What one build of the previewed briefing gave: its PDF and layout findings, or why it failed. */
export type PreviewBuild =
  | { ok: true; generation: number; pdf: Buffer; pages: number; durationMs: number; layout: readonly LayoutFinding[] }
  | { ok: false; generation: number; error: unknown };

/** A build's result with the layout findings the build's checks add to it (src/inspect/). */
type WithLayout = BriefingResult & { layout?: readonly LayoutFinding[] };

/**
 * The previewed briefing, built exactly as `briefings build` builds it (same templates, charts,
 * asset server, content security policy, printer and finishing), into a folder of the preview's
 * own. One build at a time; a change while one runs makes the next request build again. The
 * browser is started once and kept for the preview's life.
 */
export class PreviewBuilds {
  private readonly session: BrowserSession;
  private readonly outDir = mkdtempSync(path.join(os.tmpdir(), 'briefings-preview-'));
  /** Counts the changes seen: a build is current while nothing changed since it started. */
  private generation = 0;
  private current: { generation: number; build: Promise<PreviewBuild> } | undefined;
  /** Stops a build under way when the preview closes (Ctrl-C must not wait for a print). */
  private readonly stop = new AbortController();

  constructor(private readonly source: PreviewSource) {
    this.session = new BrowserSession({ timeoutMs: source.timeoutMs ?? 60_000 });
  }

  /** The data or templates changed: the next request builds again. */
  changed(): void {
    this.generation++;
  }

  /** The build of the current files (shared by every request that asks meanwhile). */
  latest(): Promise<PreviewBuild> {
    if (this.current?.generation === this.generation) return this.current.build;
    const generation = this.generation;
    const previous = this.current?.build ?? Promise.resolve(undefined);
    // After the one before it: two builds may not write the same folder at once.
    const build = previous.then(() => this.build(generation));
    this.current = { generation, build };
    return build;
  }

  private async build(generation: number): Promise<PreviewBuild> {
    try {
      const [result] = await buildBriefings({
        dataDir: this.source.dataDir,
        templatesDir: this.source.templatesDir,
        outDir: this.outDir,
        briefings: this.source.briefings,
        departmentEditions: this.source.departmentEditions,
        latestComparison: this.source.latestComparison,
        names: [this.source.name],
        force: true,
        prune: false,
        concurrency: 1,
        timeoutMs: this.source.timeoutMs,
        session: this.session,
        signal: this.stop.signal,
      });
      if (!result) throw new BriefingError('usage', `no briefing named ${this.source.name}; add it under briefings: in briefings.config.yaml`);
      if (result.status !== 'built' || !result.file) throw result.error ?? new BriefingError('render', `${this.source.name} was not built`);
      const built: WithLayout = result;
      return { ok: true, generation, pdf: await readFile(result.file), pages: result.pages ?? 0, durationMs: result.durationMs, layout: built.layout ?? [] };
    } catch (error) {
      return { ok: false, generation, error };
    }
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.current?.build.catch(() => undefined);
    await this.session.close();
    rmSync(this.outDir, { recursive: true, force: true });
  }
}
