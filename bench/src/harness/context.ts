import type { Profile } from '../profiles';
import type { SystemName } from '../systems/types';

/** What every measurement needs to know about this run. */
export interface BenchContext {
  readonly profile: Profile;
  /** Directory of the built programs (`server-child.js`, `load-child.js`). */
  readonly distDirectory: string;
  /** Current `ulimit -n` (soft and hard). */
  readonly fileDescriptorLimits: { readonly soft: number; readonly hard: number };
  /** Write a V8 CPU profile of this system's server child into `directory`. */
  readonly cpuProfile?: { readonly system: SystemName; readonly directory: string } | undefined;
  /** Progress lines (stderr). */
  log(line: string): void;
}
