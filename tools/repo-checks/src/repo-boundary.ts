import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** One reference in a tracked file that resolves outside the repository. */
export interface BoundaryEscape {
  /** The file, relative to the repository root (`/` separators). */
  readonly file: string;
  /** 1-based line of the reference. */
  readonly line: number;
  /** The reference as written. */
  readonly reference: string;
  /** Where it points, relative to the repository root (starts with `..`). */
  readonly resolved: string;
}

/** Files larger than this are data, not code or config, and are not read. */
const MAX_SCANNED_BYTES = 1_000_000;

/**
 * Generated from files that are checked: the lockfile's `link:` paths are relative to each
 * importer's folder, and each comes from a `package.json` dependency that this check reads.
 */
const DERIVED_FILES = new Set(['pnpm-lock.yaml']);

/**
 * A relative path that climbs (`../`, `../../x`), not preceded by a path character, so `a/../b`
 * inside a longer path is left alone (it cannot climb above `a`'s own parent anyway).
 */
const CLIMBING_PATH = /(?<![\w@.\-/\\])(?:\.\.\/)+(?:\.\.(?![\w.])|[\w@.\-]+(?:\/[\w@.\-]+)*)?/g;

/** `'..', '..'` as consecutive arguments (`path.join(here, '..', '..', 'x')`). */
const PARENT_ARGUMENTS = /(['"`])\.\.\1(?:\s*,\s*(['"`])\.\.\2)*/g;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let position = text.indexOf('\n'); position !== -1 && position < index; position = text.indexOf('\n', position + 1)) line += 1;
  return line;
}

function isInside(root: string, target: string): boolean {
  const fromRoot = relative(root, target);
  return fromRoot === '' || (!fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot));
}

/**
 * The references of one file's text that leave the repository: relative paths resolved from the
 * file's folder (as `new URL(…, import.meta.url)`, `import`, `extends` and Markdown links are), and
 * the repository's parent folder named by its absolute path.
 */
export function findEscapesInText(root: string, file: string, text: string): BoundaryEscape[] {
  const folder = dirname(resolve(root, file));
  const escapes: BoundaryEscape[] = [];
  const report = (index: number, reference: string, target: string): void => {
    if (isInside(root, target)) return;
    escapes.push({ file, line: lineOf(text, index), reference, resolved: relative(root, target).split(sep).join('/') });
  };
  for (const match of text.matchAll(CLIMBING_PATH)) report(match.index, match[0], resolve(folder, match[0]));
  for (const match of text.matchAll(PARENT_ARGUMENTS)) {
    const levels = match[0].split(',').length;
    report(match.index, match[0], resolve(folder, ...Array.from({ length: levels }, () => '..')));
  }
  const parentFolder = `${dirname(root)}${sep}`;
  for (let index = text.indexOf(parentFolder); index !== -1; index = text.indexOf(parentFolder, index + 1)) {
    const reference = /^[^\s'"`)]*/.exec(text.slice(index))?.[0] ?? parentFolder;
    report(index, reference, reference);
  }
  return escapes;
}

/** The repository's tracked files (`git ls-files`), relative to `root`. */
export function trackedFiles(root: string): string[] {
  const listing = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return listing.split('\0').filter((file) => file !== '');
}

/** The root of the git checkout that contains `directory`. */
export function repositoryRoot(directory: string): string {
  return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: directory, encoding: 'utf8' }).trim();
}

/**
 * Every reference in the repository's tracked text files that resolves outside the repository.
 * Binary files (a NUL byte), files over 1 MB and the lockfile (derived from the `package.json`
 * files) are skipped.
 */
export function findRepositoryEscapes(root: string): BoundaryEscape[] {
  const escapes: BoundaryEscape[] = [];
  for (const file of trackedFiles(root)) {
    if (DERIVED_FILES.has(file.split('/').pop() ?? file)) continue;
    const path = resolve(root, file);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      continue; // deleted in the work tree, not yet committed
    }
    if (size > MAX_SCANNED_BYTES) continue;
    const text = readFileSync(path, 'utf8');
    if (text.includes('\0')) continue;
    escapes.push(...findEscapesInText(root, file, text));
  }
  return escapes;
}
