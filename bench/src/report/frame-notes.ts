import type { CaseResult } from '../results';
import { SYSTEM_LABELS } from '../systems/registry';
import { formatNumber } from './format';

/** Which measured frame sizes matter to a scenario. */
const FRAMES_BY_SCENARIO: Partial<Record<CaseResult['scenario'], readonly { key: string; label: string }[]>> = {
  'rpc-throughput': [
    { key: 'request', label: 'request' },
    { key: 'response', label: 'response' },
  ],
  'rpc-latency': [
    { key: 'request', label: 'request' },
    { key: 'response', label: 'response' },
  ],
  broadcast: [{ key: 'event', label: 'event' }],
  handshake: [
    { key: 'setupIn', label: 'setup in' },
    { key: 'setupOut', label: 'setup out' },
  ],
};

/**
 * One line with the frame sizes (bytes on the wire, from the frame-size probe of the same run) that
 * matter to `result`'s scenario, per system; undefined when the probe did not run.
 */
export function frameSizeLine(result: CaseResult, frames: CaseResult | undefined): string | undefined {
  const wanted = FRAMES_BY_SCENARIO[result.scenario];
  // The bare-upgrade case has no application handshake, so the probe's setup bytes do not apply.
  if (wanted === undefined || frames === undefined || result.id === 'handshake-upgrade') return undefined;
  const perSystem = result.systems
    .map((system) => {
      const medians = frames.medians[system];
      if (medians === undefined) return undefined;
      return `${SYSTEM_LABELS[system]} ${wanted.map((frame) => formatNumber(medians[frame.key])).join('/')}`;
    })
    .filter((entry): entry is string => entry !== undefined);
  if (perSystem.length === 0) return undefined;
  return `Frame sizes (${wanted.map((frame) => frame.label).join('/')}, bytes on the wire): ${perSystem.join('; ')}.`;
}
