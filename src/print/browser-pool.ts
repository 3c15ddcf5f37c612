import { BriefingError } from '../problems.ts';
import type { BrowserSession } from './browser-session.ts';

/**
 * The browsers a build prints with: one it launches, or the running Chromes it was given
 * (`--browser-ws`, once or several times: a pool of Chrome containers). Each page goes to the member
 * with the fewest pages in hand, so a build spreads over all of them. A member we only connected to
 * that goes away (its container died, its endpoint stopped answering) is retired, and the briefings
 * it held are printed by the others; a browser we launched is relaunched by its session instead.
 */
export class BrowserPool {
  private readonly busy = new Map<BrowserSession, number>();
  private readonly retired = new Map<BrowserSession, string>();

  constructor(private readonly members: readonly BrowserSession[]) {
    if (members.length === 0) throw new Error('a browser pool needs at least one browser');
    for (const m of members) this.busy.set(m, 0);
  }

  /** How many members can still print. */
  get alive(): number {
    return this.members.length - this.retired.size;
  }

  /** The live member with the fewest pages in hand (the first of equals, so one browser is used in order). */
  pick(): BrowserSession {
    let best: BrowserSession | undefined;
    for (const m of this.members) {
      if (this.retired.has(m)) continue;
      if (!best || (this.busy.get(m) ?? 0) < (this.busy.get(best) ?? 0)) best = m;
    }
    if (!best) {
      const reasons = [...this.retired.values()].join('; ');
      throw new BriefingError('browser', `no browser of the pool is left to print with (${reasons}); check the browsers and build again`);
    }
    return best;
  }

  /** Runs fn with a member counted as busy meanwhile. */
  async use<T>(member: BrowserSession, fn: () => Promise<T>): Promise<T> {
    this.busy.set(member, (this.busy.get(member) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.busy.set(member, Math.max(0, (this.busy.get(member) ?? 1) - 1));
    }
  }

  /**
   * Takes a browser we connected to out of the pool, when others are left to take its briefings. A
   * launched one is never retired (it relaunches), nor the only one: its own error then says best
   * what is wrong, and it says it at once to every briefing left.
   */
  retire(member: BrowserSession, reason: string): boolean {
    if (!member.remote || this.members.length < 2 || this.retired.has(member)) return false;
    this.retired.set(member, reason);
    void member.close();
    return true;
  }

  /** Starts (or connects to) every member now, while the first pages are rendered. */
  warmUp(): void {
    for (const m of this.members) m.warmUp();
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => m.close()));
  }
}
