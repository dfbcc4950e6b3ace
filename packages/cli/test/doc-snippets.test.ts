import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSnippets, type Snippet } from './helpers/doc-snippets';

/**
 * Every ```ts block of the guides and of the READMEs of the packages the CLI depends on compiles
 * (strict, nodenext, as a user's project would), and the blocks marked `run=` run: the
 * getting-started project starts its server and its client prints what the guide says. Blocks
 * marked `fragment` are left out. (The adapter-redis README needs packages this one does not
 * depend on; its own tests cover it.)
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const WORK = fileURLToPath(new URL('../node_modules/.cache/doc-snippets/', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const DOCS = [
  ...readdirSync(join(REPO, 'docs', 'guides'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/guides/${name}`),
  ...['protocol', 'server', 'client', 'cli'].map((name) => `packages/${name}/README.md`),
];
const snippets: Snippet[] = DOCS.flatMap((doc) => extractSnippets(join(REPO, doc), doc));
const compiled = snippets.filter((snippet) => !snippet.fragment);

/** Where a snippet goes in the scratch project: its document's folder, under its file name or its line. */
function sourcePath(snippet: Snippet): string {
  return join(snippet.doc.replace(/[/.]/g, '_'), snippet.file ?? `line-${snippet.line}.ts`);
}

function outputPath(snippet: Snippet): string {
  return join(WORK, 'out', sourcePath(snippet).replace(/\.ts$/, '.js'));
}

let compileResult: { code: number; output: string };
beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true });
  for (const snippet of compiled) {
    const path = join(WORK, 'src', sourcePath(snippet));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, snippet.code.includes('import') || snippet.code.includes('export') ? snippet.code : `${snippet.code}\nexport {};\n`);
  }
  await writeFile(join(WORK, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'], skipLibCheck: true, rootDir: 'src', outDir: 'out' };
  await writeFile(join(WORK, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  compileResult = await new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', WORK], { cwd: WORK }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : 1, output: `${stdout}${stderr}` }));
  });
}, 180_000);
afterAll(() => rm(WORK, { recursive: true, force: true }));

describe('code snippets of the guides and package READMEs', () => {
  it('finds the snippets, and every one that is not a fragment compiles as written', () => {
    expect(compiled.length).toBeGreaterThanOrEqual(10);
    expect(compileResult.output).toBe('');
    expect(compileResult.code).toBe(0);
  });

  const projects = new Map<string, Snippet[]>();
  for (const snippet of compiled.filter((candidate) => candidate.run !== undefined)) projects.set(snippet.doc, [...(projects.get(snippet.doc) ?? []), snippet]);
  for (const [doc, parts] of projects) {
    it(`${doc}: the server starts and each client prints what the guide promises`, async () => {
      const port = await freePort();
      const env = { ...process.env, PORT: String(port), GATEWIRE_TOKEN: 'a-documentation-test-token' };
      const servers = parts.filter((part) => part.run === 'server').map((part) => spawn(process.execPath, [outputPath(part)], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
      try {
        for (const server of servers) await printed(server, /listening on/);
        for (const client of parts.filter((part) => part.run === 'client')) {
          const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
            execFile(process.execPath, [outputPath(client)], { env, timeout: 30_000 }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : 1, stdout, stderr }));
          });
          expect(result.stderr, `${client.doc}:${client.line}`).toBe('');
          expect(result.code).toBe(0);
          if (client.expect !== undefined) expect(result.stdout).toContain(client.expect);
        }
      } finally {
        for (const server of servers) server.kill('SIGKILL');
      }
    }, 60_000);
  }
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function printed(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve();
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code} before printing ${pattern}: ${errors}`)));
  });
}
