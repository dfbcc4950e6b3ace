import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { compileValidator, formatValueError } from '@gatewire/protocol';

const Port = Type.Integer({ minimum: 0, maximum: 65535 });
const PositiveInteger = Type.Integer({ minimum: 1 });
const NonEmpty = Type.String({ minLength: 1 });

/** `auth` section of the gateway config file. */
export const AuthConfig = Type.Object(
  {
    /** `none`, `token` (default), `password` or `trusted-proxy`. */
    mode: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('token'), Type.Literal('password'), Type.Literal('trusted-proxy')])),
    /** The shared token; when absent in token mode, the token file in `$GATEWIRE_HOME` is used (created on first start). */
    token: Type.Optional(Type.String({ minLength: 16 })),
    /** The shared password (password mode). */
    password: Type.Optional(Type.String({ minLength: 8 })),
    /** Trusted-proxy mode: the header that carries the user identity, and the users allowed. */
    trustedProxy: Type.Optional(
      Type.Object({ userHeader: NonEmpty, allowUsers: Type.Optional(Type.Array(NonEmpty)) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/** `limits` section of the gateway config file. */
export const LimitsConfig = Type.Object(
  {
    maxConnections: Type.Optional(PositiveInteger),
    maxUnauthenticatedPerIp: Type.Optional(PositiveInteger),
    handshakeTimeoutMs: Type.Optional(PositiveInteger),
    maxPayloadBytes: Type.Optional(PositiveInteger),
    maxBufferedBytes: Type.Optional(PositiveInteger),
    maxConcurrentRequestsPerConnection: Type.Optional(PositiveInteger),
    maxQueuedRequests: Type.Optional(PositiveInteger),
  },
  { additionalProperties: false },
);

/** The standalone gateway's config file (`config.yaml` or `config.json` in `$GATEWIRE_HOME`, or `--config`). */
export const GatewayConfig = Type.Object(
  {
    port: Type.Optional(Port),
    /** `loopback` (default), `all`, or an address to bind. */
    bind: Type.Optional(NonEmpty),
    auth: Type.Optional(AuthConfig),
    allowedOrigins: Type.Optional(Type.Array(NonEmpty)),
    trustedProxies: Type.Optional(Type.Array(NonEmpty)),
    tls: Type.Optional(Type.Object({ cert: NonEmpty, key: NonEmpty }, { additionalProperties: false })),
    socketPath: Type.Optional(NonEmpty),
    tickIntervalMs: Type.Optional(Type.Integer({ minimum: 1000 })),
    /** Join a cluster of gateways on this Redis (`@gatewire/adapter-redis`): shared broadcasts, presence, nodes, devices, idempotency. */
    redis: Type.Optional(
      Type.Object({ url: NonEmpty, keyPrefix: Type.Optional(NonEmpty), cluster: Type.Optional(NonEmpty) }, { additionalProperties: false }),
    ),
    limits: Type.Optional(LimitsConfig),
    /**
     * Serve Prometheus metrics at `GET /metrics` on the gateway's port, for `Authorization: Bearer`
     * with the gateway's token or password, or `scrapeToken` (docs/guides/observability.md).
     */
    metrics: Type.Optional(Type.Object({ scrapeToken: Type.Optional(NonEmpty) }, { additionalProperties: false })),
    /** Serve the operator monitor page at `/monitor` (admin sign-in; see docs/guides/operating.md). */
    monitor: Type.Optional(Type.Boolean()),
    log: Type.Optional(
      Type.Object(
        {
          level: Type.Optional(
            Type.Union([Type.Literal('debug'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error'), Type.Literal('silent')]),
          ),
          format: Type.Optional(Type.Union([Type.Literal('pretty'), Type.Literal('json')])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type GatewayConfig = Static<typeof GatewayConfig>;

/** Compiled once at load. */
export const gatewayConfigValidator = compileValidator(GatewayConfig);

const compiledConfig = TypeCompiler.Compile(GatewayConfig);

/** Every problem of an invalid config (`at /port: …`), one per path, in document order. */
export function configErrors(value: unknown): string[] {
  const byPath = new Map<string, string>();
  for (const error of compiledConfig.Errors(value)) if (!byPath.has(error.path)) byPath.set(error.path, formatValueError(error));
  return [...byPath.values()];
}
