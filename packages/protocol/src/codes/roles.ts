/** Connection roles. Operators call methods; nodes serve commands that the gateway invokes. */
export const Roles = {
  /** A controlling client (CLI, UI, backend service). The default. */
  OPERATOR: 'operator',
  /** A remote host that declares commands and answers `node.invoke.request` events. */
  NODE: 'node',
} as const;

/** One of the {@link Roles}. */
export type Role = (typeof Roles)[keyof typeof Roles];

/** The role assumed when `connect.params.role` is absent. */
export const DEFAULT_ROLE: Role = 'operator';

/** Whether a value is a role a gateway accepts. */
export function isRole(value: unknown): value is Role {
  return value === 'operator' || value === 'node';
}
