/**
 * TypeBox, re-exported: the `Type` builder and the `Static` and `TSchema` types of the TypeBox copy
 * that this package validates with. `@sinclair/typebox` is a peer dependency (`^0.34.41`), so the
 * application's own copy is the one used here; importing `Type` from `@gatewire/protocol` works
 * under pnpm's strict layout too, where only direct dependencies can be imported.
 */
export { Type } from '@sinclair/typebox';
export type { Static, TSchema } from '@sinclair/typebox';
