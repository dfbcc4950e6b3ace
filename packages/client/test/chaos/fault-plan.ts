/**
 * The seeded fault plan of a chaos run: which fault hits which clients, in which order. The seed
 * fixes the plan, not the timing: the interleaving with the traffic is the machine's.
 */
import { seededRandom } from '@gatewire/test-harness';

/** The faults the harness injects (`close`: the gateway closes the connection, 1012). */
export const faultKinds = ['reset', 'close', 'stall', 'fragment', 'slow-reader', 'restart'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** One step of a plan. */
export interface FaultStep {
  readonly kind: FaultKind;
  /** Indexes of the clients whose proxy gets the fault (none for `restart`: it hits everyone). */
  readonly targets: readonly number[];
  /** `fragment`: the largest write, bytes; `slow-reader`: bytes per second; else 0. */
  readonly amount: number;
}

/**
 * A plan of `steps` faults over `clients` clients: every kind at least once, `restart` exactly
 * once, the rest drawn at random; each fault hits one to three distinct clients.
 */
export function planFaults(seed: number, clients: number, steps: number): FaultStep[] {
  if (steps < faultKinds.length) throw new RangeError(`planFaults: at least ${faultKinds.length} steps, got ${steps}`);
  const random = seededRandom(seed);
  const pick = (count: number) => random.integer(0, count - 1);
  const others = faultKinds.filter((kind) => kind !== 'restart');
  const kinds: FaultKind[] = [...faultKinds];
  while (kinds.length < steps) kinds.push(others[pick(others.length)] as FaultKind);
  for (let index = kinds.length - 1; index > 0; index--) {
    const swap = pick(index + 1);
    [kinds[index], kinds[swap]] = [kinds[swap] as FaultKind, kinds[index] as FaultKind];
  }
  return kinds.map((kind) => {
    if (kind === 'restart') return { kind, targets: [], amount: 0 };
    const targets = new Set<number>();
    const count = 1 + pick(Math.min(3, clients));
    while (targets.size < count) targets.add(pick(clients));
    const amount = kind === 'fragment' ? 1 + pick(64) : kind === 'slow-reader' ? 4_096 + pick(12_288) : 0;
    return { kind, targets: [...targets], amount };
  });
}
