import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { CliError } from './errors';
import { ExitCodes } from '../exit-codes';
import type { GatewayHome } from './home';
import { gatewayConfigValidator, type GatewayConfig } from './schema';

/** The loaded config and where it came from (`undefined` when no file exists). */
export interface LoadedConfig {
  readonly config: GatewayConfig;
  readonly path: string | undefined;
}

/**
 * Load the config: `explicitPath` if given (must exist), else the first of `config.yaml`,
 * `config.yml`, `config.json` in the home directory, else an empty config. A bad file is a
 * {@link CliError} naming the file and the field.
 */
export async function loadConfig(home: GatewayHome, explicitPath?: string): Promise<LoadedConfig> {
  const candidates = explicitPath === undefined ? home.configCandidates : [explicitPath];
  for (const path of candidates) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && explicitPath === undefined) continue;
      throw new CliError(`cannot read config file ${path}: ${(error as Error).message}`, ExitCodes.CONFIG, { cause: error });
    }
    return { config: parseConfigText(text, path), path };
  }
  return { config: {}, path: undefined };
}

/** Parse and validate config text (YAML, which includes JSON). */
export function parseConfigText(text: string, path: string): GatewayConfig {
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliError(`invalid config file ${path}: ${(error as Error).message.split('\n')[0]}`, ExitCodes.CONFIG, { cause: error });
  }
  if (value === null || value === undefined) return {};
  if (!gatewayConfigValidator.check(value)) {
    throw new CliError(`invalid config file ${path}: ${gatewayConfigValidator.firstError(value) ?? 'invalid'}`, ExitCodes.CONFIG);
  }
  return value;
}
