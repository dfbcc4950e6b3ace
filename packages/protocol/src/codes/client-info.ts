/**
 * The closed lists of `client.id` and `client.mode` values an OpenClaw v4 gateway accepts in
 * `connect.params.client`. Arbitrary values are refused, so Gatewire clients pick from these.
 */
export const CLIENT_IDS = [
  'webchat-ui',
  'openclaw-control-ui',
  'openclaw-browser-copilot',
  'openclaw-tui',
  'webchat',
  'cli',
  'gateway-client',
  'openclaw-macos',
  'openclaw-linux',
  'openclaw-ios',
  'openclaw-watchos',
  'openclaw-android',
  'node-host',
  'openclaw-worker',
  'test',
  'fingerprint',
  'openclaw-probe',
] as const;

/** One of the {@link CLIENT_IDS}. */
export type ClientId = (typeof CLIENT_IDS)[number];

/** Accepted `client.mode` values. */
export const CLIENT_MODES = ['webchat', 'cli', 'ui', 'backend', 'node', 'worker', 'probe', 'test'] as const;

/** One of the {@link CLIENT_MODES}. */
export type ClientMode = (typeof CLIENT_MODES)[number];

/** Client ids that are browser or terminal control UIs: they must present a device identity. */
export const CONTROL_UI_CLIENT_IDS: readonly ClientId[] = ['openclaw-control-ui', 'webchat-ui', 'openclaw-tui', 'webchat'];

/** Modes that are not tracked in presence (ephemeral callers). */
export const UNTRACKED_PRESENCE_MODES: readonly ClientMode[] = ['cli', 'backend', 'probe'];

/** Client capabilities (`connect.params.caps`) defined by the reference protocol. */
export const CLIENT_CAPS = [
  'agent-kind',
  'approvals',
  'exec-approvals',
  'inline-widgets',
  'model-catalog-snapshot',
  'model-selection-policy',
  'run-tool-bindings',
  'session-scoped-events',
  'skill-curator-live-inventory',
  'plugin-approvals',
  'task-suggestions',
  'terminal-offset-seq',
  'terminal-session-metadata',
  'terminal-upload-path-style',
  'tool-events',
  'ui-commands',
  'usage-refreshing',
] as const;

/** Whether a value is an accepted client id. */
export function isClientId(value: unknown): value is ClientId {
  return typeof value === 'string' && (CLIENT_IDS as readonly string[]).includes(value);
}

/** Whether a value is an accepted client mode. */
export function isClientMode(value: unknown): value is ClientMode {
  return typeof value === 'string' && (CLIENT_MODES as readonly string[]).includes(value);
}
