import { main } from './program';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort(signal));
}
const code = await main(process.argv.slice(2), undefined, controller.signal);
process.exit(code);
