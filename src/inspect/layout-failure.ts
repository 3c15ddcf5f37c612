import { BriefingError } from '../problems.ts';
import type { LayoutFinding } from './layout-finding.ts';

/** A briefing failed by its layout findings under --strict-layout (strictLayout: true): a render failure, exit code 2. */
export class LayoutFailure extends BriefingError {
  constructor(readonly findings: LayoutFinding[]) {
    const n = findings.length;
    super('render', `${n} layout finding${n === 1 ? '' : 's'} (strict layout: not written); see the lines below`);
  }
}
