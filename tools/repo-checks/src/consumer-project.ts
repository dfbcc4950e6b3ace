import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment of a child npm or node: without the `npm_*` settings that a pnpm run exports (npm
 * would read them as its own config), and without `NODE_PATH` (pnpm's bin shims point it at the
 * repository's `node_modules/.pnpm`, where the downstream project would find packages it never installed).
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_PATH'));
}

/** Run a command, returning its stdout; a failure throws with the command's stdout and stderr. */
export function run(command: string, args: readonly string[], options: ExecFileSyncOptions & { cwd: string }): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', env: cleanEnvironment(), ...options }).toString();
  } catch (error) {
    const failed = error as { stdout?: Buffer | string; stderr?: Buffer | string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${options.cwd}:\n${String(failed.stdout ?? '')}\n${String(failed.stderr ?? '')}\n${failed.message}`);
  }
}

/** pnpm as this run was started (`npm_execpath` under `pnpm test`), else through npx. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env['npm_execpath'];
  if (execPath !== undefined && /pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ['npx', ['-y', 'pnpm@10.34.8']];
}

/**
 * Pack a workspace package with pnpm (as `pnpm publish` would: `publishConfig` applied,
 * `workspace:` ranges rewritten) into `destination`; returns the tarball's path.
 */
export function packPackage(packageFolder: string, destination: string): string {
  mkdirSync(destination, { recursive: true });
  const before = new Set(readdirSync(destination));
  const [command, prefix] = pnpmCommand();
  execFileSync(command, [...prefix, 'pack', '--pack-destination', destination], { cwd: packageFolder, stdio: 'pipe' });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz') && !before.has(name));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${packageFolder}`);
  return join(destination, tarball);
}

/** A scratch npm project: `dependencies` (names to versions or `file:` tarballs) and the template's files. */
export function writeProject(folder: string, template: string | undefined, dependencies: Record<string, string>): void {
  mkdirSync(folder, { recursive: true });
  if (template !== undefined) cpSync(template, folder, { recursive: true });
  const manifest = { name: 'gatewire-consumer', version: '0.0.0', private: true, type: 'module', dependencies };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `npm install` from the registry (and the given tarballs), plus `packages` when given, using npm's cache first. */
export function npmInstall(folder: string, packages: readonly string[] = []): void {
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packages], { cwd: folder, timeout: 600_000 });
}

/** The installed version of a package in `folder`'s node_modules, or undefined when it is not installed. */
export function installedVersion(folder: string, name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(folder, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Every copy of `name` installed under `folder` (nested copies included), by path. */
export function installedCopies(folder: string, name: string): string[] {
  const output = run('npm', ['ls', name, '--all', '--parseable'], { cwd: folder });
  return output.split('\n').filter((line) => line.trim() !== '');
}
