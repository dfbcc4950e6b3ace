/**
 * `@gatewire/protocol/node`: the Node-only helpers shared by the Gatewire packages (never imported by
 * the protocol's own entries, so browser bundles do not see `node:` modules).
 */
export { writePrivateFile } from './node-fs/write-private-file';
