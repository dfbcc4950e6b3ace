import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real `hello-ok` of an OpenClaw 2026.9.6 gateway (token auth, operator), vendored in `test/fixtures/`. */
export function loadOpenClawHelloOk(): Record<string, unknown> {
  const path = fileURLToPath(new URL('./fixtures/hello-ok.operator-token.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A minimal valid `connect` params object. */
export function validConnectParams(): Record<string, unknown> {
  return {
    minProtocol: 4,
    maxProtocol: 4,
    client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'backend' },
    role: 'operator',
    scopes: ['operator.read'],
    auth: { token: 'secret' },
  };
}
