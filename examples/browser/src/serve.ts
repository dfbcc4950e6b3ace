/**
 * A tiny Node http server that serves a static page and mounts a gateway on /ws. The page's script
 * (src/page/app.ts) is bundled at start-up with esbuild, which picks the browser build of
 * `@gatewire/client`. Open the printed URL; stop with Ctrl-C.
 *
 * Run: pnpm start
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGateway } from '@gatewire/server';
import { build } from 'esbuild';
import { greetMethod } from './api';

const token = randomBytes(16).toString('hex');

// 1. The page: static HTML, and its script bundled for the browser.
const indexHtml = await readFile(new URL('./page/index.html', import.meta.url), 'utf8');
const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./page/app.ts', import.meta.url))],
  bundle: true,
  platform: 'browser', // adds the `browser` export condition: @gatewire/client resolves to dist/browser.js
  format: 'esm',
  target: 'es2022',
  write: false,
  logLevel: 'warning',
});
const appJs = bundle.outputFiles[0]?.text ?? '';
console.log(`[server] bundled the page script (${Math.round(appJs.length / 1024)} KiB)`);

// 2. The http server: the page on / and /app.js.
const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(indexHtml);
  else if (path === '/app.js') response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(appJs);
  else response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

// 3. The gateway on /ws. A browser sends its page's Origin; only listed origins may connect (a
//    loopback page is allowed anyway, but on a real host you list the page's origin like this).
const gateway = createGateway({ auth: { mode: 'token', token }, allowedOrigins: [origin] });
gateway.method(greetMethod, ({ name }, { connection }) => {
  console.log(`[server] app.greet from a ${connection.client.platform} client`);
  return { greeting: `hello, ${name}`, platform: connection.client.platform };
});
gateway.attach(server, { path: '/ws' });
console.log(`open ${origin}/#token=${token}`);

// 4. Ctrl-C (or SIGTERM): close the gateway (it closes its sockets), then the server.
async function shutdown(signal: string): Promise<void> {
  console.log(`[server] ${signal}: shutting down`);
  await gateway.close();
  server.close();
  server.closeAllConnections();
  await once(server, 'close');
  console.log('browser: ok');
}
process.once('SIGINT', (signal) => void shutdown(signal));
process.once('SIGTERM', (signal) => void shutdown(signal));
