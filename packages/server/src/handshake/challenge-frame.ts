import { RESUME_CAPABILITY } from '@gatewire/protocol';
import { numberJson } from '../events/state-json';

/** The end of the challenge's payload when the gateway offers resume. */
const RESUME_OFFER = `,"capabilities":${JSON.stringify([RESUME_CAPABILITY])}`;

/**
 * The `connect.challenge` event that opens every handshake, as text: exactly
 * `JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce, ts, capabilities? } })`
 * (`capabilities: ["gatewire.resume.v1"]` when `offersResume`), written without the objects and
 * without serializing the constant parts per connection.
 */
export function challengeFrame(nonce: string, ts: number, offersResume: boolean): string {
  return `{"type":"event","event":"connect.challenge","payload":{"nonce":${JSON.stringify(nonce)},"ts":${numberJson(ts)}${offersResume ? RESUME_OFFER : ''}}}`;
}
