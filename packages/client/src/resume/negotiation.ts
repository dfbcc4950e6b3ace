import { RESUME_CAPABILITY, type HelloOk } from '@gatewire/protocol/lite';
import { fieldOf } from '../field-of';

/** Read `capabilities` from a `connect.challenge` payload (absent or malformed: none). */
export function challengeCapabilities(payload: unknown): readonly string[] {
  const value = fieldOf(payload, 'capabilities');
  if (!Array.isArray(value)) return [];
  // Nearly always all strings: then the parsed array itself (the frame's own; no copy per handshake).
  return value.every(isString) ? value : value.filter(isString);
}

function isString(entry: unknown): entry is string {
  return typeof entry === 'string';
}

/**
 * The `caps` to send: the configured ones, plus the resume capability when resume is on and the
 * gateway offered it in its challenge (so nothing unknown is ever sent to a plain OpenClaw gateway).
 */
export function connectCaps(configured: readonly string[], resume: boolean, offered: readonly string[]): string[] {
  // Built at its final size (a push onto a copy grows it to 17 slots).
  return resume && offered.includes(RESUME_CAPABILITY) && !configured.includes(RESUME_CAPABILITY) ? [...configured, RESUME_CAPABILITY] : [...configured];
}

/** Whether this connection is resumable: the client sent the capability and `hello-ok` confirms it. */
export function resumeNegotiated(sentCaps: readonly string[] | undefined, hello: HelloOk): boolean {
  return sentCaps?.includes(RESUME_CAPABILITY) === true && hello.features.capabilities?.includes(RESUME_CAPABILITY) === true;
}
