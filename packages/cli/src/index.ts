/**
 * `@gatewire/cli`: the `gatewire` command. The programmatic entry exposes the config schema and
 * loaders so tools can validate a gateway config the same way the CLI does.
 */
export { GatewayConfig, gatewayConfigValidator } from './config/schema';
export { loadConfig, parseConfigText, type LoadedConfig } from './config/load';
export { resolveHome, ensureToken, resetToken, readStoredToken, type GatewayHome } from './config/home';
export { CliError } from './config/errors';
export { ExitCodes, type ExitCode } from './exit-codes';
