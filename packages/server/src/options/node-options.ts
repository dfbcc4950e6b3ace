import type { NodePairingStore } from '../nodes/node-pairing-store';

/**
 * Commands whose approval (`node.pair.approve`) and invocation (`node.invoke`) take
 * `operator.admin`: they run programs on the node's host. The reference gateway's list.
 */
export const DEFAULT_DANGEROUS_NODE_COMMANDS: readonly string[] = Object.freeze(['system.run', 'system.run.prepare', 'system.which']);

/** Node pairing: which node commands operators have approved, and which commands are dangerous. */
export interface NodePairingOptions {
  /** Where approved nodes and pending requests live. @default an in-memory store */
  store?: NodePairingStore;
  /**
   * Commands that take `operator.admin` to approve and to invoke; replaces the default list.
   * @default ["system.run", "system.run.prepare", "system.which"]
   */
  dangerousCommands?: readonly string[];
}
