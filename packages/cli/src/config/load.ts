import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { CliError } from './errors';
import { ExitCodes } from '../exit-codes';
import type { GatewayHome } from './home';
import { configErrors, gatewayConfigValidator, type GatewayConfig } from './schema';

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
  if (path.endsWith('.json')) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CliError(`invalid config file ${path}: ${(error as Error).message}`, ExitCodes.CONFIG, { cause: error });
    }
  } else {
    const document = parseDocument(text, { prettyErrors: true });
    if (document.errors.length > 0) throw invalid(path, document.errors.map((error) => error.message.trimEnd()));
    value = document.toJS();
  }
  if (value === null || value === undefined) return {};
  if (!gatewayConfigValidator.check(value)) throw invalid(path, configErrors(value));
  return value;
}

/** One config error naming the file, with every problem found (a YAML error keeps its code frame). */
function invalid(path: string, problems: readonly string[]): CliError {
  if (problems.length === 1) return new CliError(`invalid config file ${path}: ${problems[0] ?? ''}`, ExitCodes.CONFIG);
  return new CliError(`invalid config file ${path} (${problems.length} problems):\n${problems.map((problem) => `  - ${problem.replace(/\n/g, '\n    ')}`).join('\n')}`, ExitCodes.CONFIG);
}
