import { readFileSync } from 'node:fs';

/** One fenced TypeScript block of a Markdown document. */
export interface Snippet {
  /** The document, relative to the repository root. */
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** `fragment`: shown for reading only (it uses names the surrounding text defines); not compiled. */
  readonly fragment: boolean;
  /** `file=NAME`: blocks of one document with a file name form one project (they import each other). */
  readonly file: string | undefined;
  /** `run=server` (started first; it prints `listening on`) or `run=client` (must exit 0). */
  readonly run: 'server' | 'client' | undefined;
  /** `expect="text"`: what a `run=client` block must print. */
  readonly expect: string | undefined;
}

/**
 * The ```ts blocks of a Markdown file, with the attributes of their info string
 * (```ts fragment, ```ts file=server.ts run=server, ```ts file=client.ts run=client expect="…").
 */
export function extractSnippets(path: string, doc: string): Snippet[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const fence = /^```(ts|typescript)(?:\s+(.*))?$/.exec(lines[index] ?? '');
    if (fence === null) continue;
    const info = fence[2] ?? '';
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== '```'; index += 1) body.push(lines[index] ?? '');
    const attribute = (name: string) => new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|(\\S+))`).exec(info)?.slice(1).find((value) => value !== undefined);
    const run = attribute('run');
    if (run !== undefined && run !== 'server' && run !== 'client') throw new Error(`${doc}:${start + 1}: run= must be server or client, got ${run}`);
    snippets.push({ doc, line: start + 1, code: body.join('\n'), fragment: /(?:^|\s)fragment(?:\s|$)/.test(info), file: attribute('file'), run, expect: attribute('expect') });
  }
  return snippets;
}
