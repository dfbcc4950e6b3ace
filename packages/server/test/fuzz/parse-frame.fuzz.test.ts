import { ErrorCodes, parseFrame, validators, type GatewayFrame } from '@gatewire/protocol';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from './fuzz-profile';
import { hostileFrameText, hostileJson, mutatedFrameText, requestIdOf } from './hostile-values';

const METHODS = ['connect', 'health', 'status', 'node.invoke', 'device.pair.approve', 'gateway.resume'];
const RUNS = 20_000;
const MUTATION_RUNS = 60_000;

function frameIsValid(frame: GatewayFrame): boolean {
  if (frame.type === 'req') return validators.requestFrame.check(frame);
  return frame.type === 'res' ? validators.responseFrame.check(frame) : validators.eventFrame.check(frame);
}

describe('parseFrame under generated and mutated frames', () => {
  it(
    `never throws, and answers every refusal with INVALID_REQUEST and the frame's own id (${RUNS} cases)`,
    () => {
      fc.assert(
        fc.property(fc.oneof({ weight: 9, arbitrary: hostileFrameText(METHODS) }, { weight: 1, arbitrary: fc.anything() }), (input) => {
          const result = parseFrame(input);
          // No key of any frame may land on the shared prototype.
          if (Object.keys(Object.prototype).length > 0) return false;
          if (result.ok) return frameIsValid(result.frame);
          if (result.error.code !== ErrorCodes.INVALID_REQUEST || !result.error.message.startsWith('invalid ')) return false;
          return typeof input !== 'string' || result.id === undefined || result.id === requestIdOf(input);
        }),
        fuzzParameters(RUNS),
      );
    },
    fuzzTimeoutMs(RUNS, 0.2),
  );

  it(
    `never throws on byte-level mutations of valid frames (${MUTATION_RUNS} cases)`,
    () => {
      fc.assert(
        fc.property(mutatedFrameText, (text) => {
          const result = parseFrame(text);
          if (result.ok) return frameIsValid(result.frame);
          return result.error.code === ErrorCodes.INVALID_REQUEST && (result.id === undefined || result.id === requestIdOf(text));
        }),
        fuzzParameters(MUTATION_RUNS),
      );
    },
    fuzzTimeoutMs(MUTATION_RUNS, 0.2),
  );

  it(
    'gives the request id back for every request-shaped object, whatever else is wrong with it (10,000 cases)',
    () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 300 }), hostileJson, hostileJson, (id, method, params) => {
          const result = parseFrame(JSON.stringify({ type: 'req', id, method, params }));
          return result.ok ? result.frame.type === 'req' && result.frame.id === id : result.id === id;
        }),
        fuzzParameters(10_000),
      );
    },
    fuzzTimeoutMs(10_000, 0.2),
  );
});
