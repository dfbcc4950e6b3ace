#!/usr/bin/env node
// Lint the package in the current folder as it will be published: pack it with pnpm (which applies
// `publishConfig` and rewrites `workspace:` ranges, as `pnpm publish` does), then run publint
// (--strict) and arethetypeswrong on that tarball. attw checks every resolution mode, node10
// included, so subpaths that node10 cannot resolve fail here too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** pnpm as the current run was started (`npm_execpath`), else the one on PATH. */
function pnpm(args, options) {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return execFileSync(process.execPath, [execPath, ...args], options);
  return execFileSync('pnpm', args, options);
}

const destination = mkdtempSync(join(tmpdir(), 'gatewire-lint-'));
try {
  pnpm(['pack', '--pack-destination', destination], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball into ${destination}`);
  const path = join(destination, tarball);
  execFileSync('publint', ['run', '--strict', path], { stdio: 'inherit' });
  execFileSync('attw', [path], { stdio: 'inherit' });
} catch (error) {
  process.exitCode = typeof error?.status === 'number' && error.status !== 0 ? error.status : 1;
  if (typeof error?.status !== 'number') console.error(error);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
