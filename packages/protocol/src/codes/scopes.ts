/**
 * The ten operator scopes and their implication rules.
 *
 * A method requires one scope (or, for `node` methods, the node role). A connection holds the
 * scopes granted at `connect`; {@link hasScope} decides with the implication rules below.
 */
export const OperatorScopes = {
  /** Satisfies every scope. */
  ADMIN: 'operator.admin',
  /** Read-only methods and events. */
  READ: 'operator.read',
  /** Side-effecting methods; implies `read`, `talk`, `sessions.read` and `sessions.write`. */
  WRITE: 'operator.write',
  /** Read sessions. */
  SESSIONS_READ: 'operator.sessions.read',
  /** Write sessions; implies `sessions.read`. */
  SESSIONS_WRITE: 'operator.sessions.write',
  /** Resolve approval requests and receive approval events. */
  APPROVALS: 'operator.approvals',
  /** Answer questions and receive question events. */
  QUESTIONS: 'operator.questions',
  /** Approve or reject device and node pairing; receive pairing events. */
  PAIRING: 'operator.pairing',
  /** Voice/talk methods. */
  TALK: 'operator.talk',
  /** Talk configuration including secrets. */
  TALK_SECRETS: 'operator.talk.secrets',
} as const;

/** One of the {@link OperatorScopes}. */
export type OperatorScope = (typeof OperatorScopes)[keyof typeof OperatorScopes];

/** All ten operator scopes, in the order of {@link OperatorScopes}. */
export const OPERATOR_SCOPES: readonly OperatorScope[] = /* @__PURE__ */ Object.values(OperatorScopes);

/** Scopes directly implied by holding a scope (transitively closed by {@link expandScopes}). */
export const SCOPE_IMPLICATIONS: Readonly<Partial<Record<OperatorScope, readonly OperatorScope[]>>> = {
  'operator.admin': /* @__PURE__ */ OPERATOR_SCOPES.filter((scope) => scope !== 'operator.admin'),
  'operator.write': ['operator.read', 'operator.talk', 'operator.sessions.read', 'operator.sessions.write'],
  'operator.read': ['operator.sessions.read'],
  'operator.sessions.write': ['operator.sessions.read'],
};

/** Whether a string is one of the ten operator scopes. */
export function isOperatorScope(value: unknown): value is OperatorScope {
  return typeof value === 'string' && (OPERATOR_SCOPES as readonly string[]).includes(value);
}

/** The set of scopes held, including every implied scope. Unknown scope strings are kept as they are. */
export function expandScopes(granted: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...granted];
  while (stack.length > 0) {
    const scope = stack.pop() as string;
    if (out.has(scope)) continue;
    out.add(scope);
    // Own keys only: a client may send any string, and `constructor` or `__proto__` must not reach
    // Object.prototype's members.
    const implied = Object.hasOwn(SCOPE_IMPLICATIONS, scope) ? SCOPE_IMPLICATIONS[scope as OperatorScope] : undefined;
    if (implied) stack.push(...implied);
  }
  return out;
}

/** Whether the granted scopes satisfy `required`, with the implication rules. */
export function hasScope(granted: Iterable<string>, required: string): boolean {
  return expandScopes(granted).has(required);
}
