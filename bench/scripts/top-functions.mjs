#!/usr/bin/env node
// Summarize V8 .cpuprofile files: self time per function (url:line), highest first.
// Usage: node bench/scripts/top-functions.mjs <file-or-directory>... [--top=N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const top = Number((args.find((arg) => arg.startsWith('--top=')) ?? '--top=30').slice(6));
const files = args
  .filter((arg) => !arg.startsWith('--'))
  .flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(path, name)) : [path]));

const selfTime = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const frame = node.callFrame;
    const url = frame.url.replace(/^file:\/\/.*?\/(node_modules\/\.pnpm\/|packages\/|bench\/)/, '$1');
    const key = `${frame.functionName || '(anonymous)'}  ${url}:${frame.lineNumber + 1}`;
    const delta = deltas[index] ?? 0;
    selfTime.set(key, (selfTime.get(key) ?? 0) + delta);
    total += delta;
  });
}
const rows = [...selfTime.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`${files.length} profile(s), ${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, time] of rows) console.log(`${((time / total) * 100).toFixed(1).padStart(5)}%  ${(time / 1000).toFixed(0).padStart(6)} ms  ${key}`);

// --callers=NAME: the call stacks (3 frames up) that spend self time in functions named NAME.
const callersOf = args.find((arg) => arg.startsWith('--callers='))?.slice(10);
if (callersOf !== undefined) {
  const stacks = new Map();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, index) => {
      let node = byId.get(id);
      if (node.callFrame.functionName !== callersOf) return;
      const chain = [];
      for (let depth = 0; depth < 4 && node; depth++, node = parent.get(node.id)) {
        const frame = node.callFrame;
        chain.push(`${frame.functionName || '(anon)'}@${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`);
      }
      const key = chain.join(' < ');
      stacks.set(key, (stacks.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
    });
  }
  console.log(`\ncallers of ${callersOf}:`);
  for (const [key, time] of [...stacks.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${(time / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
