/** The page's API: imported by the server (values) and by the page (types only, so no TypeBox in the bundle). */
import { defineMethod, defineMethods, type CoreMethods } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';

export const greetMethod = defineMethod('app.greet', {
  params: Type.Object({ name: Type.String({ minLength: 1 }) }),
  result: Type.Object({ greeting: Type.String(), platform: Type.String() }),
  scope: 'operator.read',
});
export const appMethods = defineMethods(greetMethod);
export type AppMethods = CoreMethods & typeof appMethods;
