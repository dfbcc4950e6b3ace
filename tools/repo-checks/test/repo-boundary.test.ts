import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findEscapesInText, findRepositoryEscapes, repositoryRoot } from '../src/repo-boundary';

const ROOT = '/checkout/gatewire';

/** `levels` parent steps, built at run time so that this file does not itself climb out. */
function up(levels: number): string {
  return '../'.repeat(levels);
}

function escapesOf(file: string, text: string): string[] {
  return findEscapesInText(ROOT, file, text).map((escape) => `${escape.line}:${escape.resolved}`);
}

describe('repository boundary', () => {
  it('no tracked file of this repository reads outside it', () => {
    const root = repositoryRoot(fileURLToPath(new URL('.', import.meta.url)));
    const escapes = findRepositoryEscapes(root).map((escape) => `${escape.file}:${escape.line}: ${escape.reference} (→ ${escape.resolved})`);
    expect(escapes, 'vendor what these read into the repository').toEqual([]);
  });

  it('finds a fixture read through new URL() from a sibling folder of the checkout', () => {
    const text = `import x from 'y';\nconst path = new URL('${up(4)}sibling/fixtures/hello.json', import.meta.url);\n`;
    expect(escapesOf('packages/protocol/test/fixtures.ts', text)).toEqual(['2:../sibling/fixtures/hello.json']);
  });

  it('finds parent folders given as separate path.join() arguments', () => {
    expect(escapesOf('scripts/x.ts', "join(here, '..', '..', 'data')")).toEqual(['1:..']);
    expect(escapesOf('scripts/x.ts', "join(here, '..', 'data')")).toEqual([]);
  });

  it('finds the parent folder named by its absolute path, a climbing extends and a Markdown link', () => {
    expect(escapesOf('test/a.ts', "readFileSync('/checkout/shared/token')")).toEqual(['1:../shared/token']);
    expect(escapesOf('packages/a/tsconfig.json', `{ "extends": "${up(3)}tsconfig.json" }`)).toEqual(['1:../tsconfig.json']);
    expect(escapesOf('docs/guides/a.md', `see [the audit](${up(3)}shared/audit.md)`)).toEqual(['1:../shared/audit.md']);
  });

  it('accepts paths that stay inside: sibling packages, the root config, a climb inside a longer path', () => {
    const text = [
      "import { a } from '../shared/fixture';",
      '{ "extends": "../../tsconfig.base.json" }',
      "new URL('../../protocol/test/fixtures/hello.json', import.meta.url)",
      'cd "$(dirname "$0")/.." && ls packages/a/../../README.md',
    ].join('\n');
    expect(escapesOf('packages/server/test/x.ts', text)).toEqual([]);
  });
});
