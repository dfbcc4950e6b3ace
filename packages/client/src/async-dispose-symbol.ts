/**
 * `Symbol.asyncDispose` for TypeScript projects whose `lib` does not declare it (`ES2022` + `DOM`,
 * no `@types/node`: a browser app). The client's `[Symbol.asyncDispose]()` (`await using client = …`)
 * appears in the published declarations, which would otherwise fail there with TS2550. The
 * declaration is the one of TypeScript's `esnext.disposable` lib and of `@types/node`, and merges with
 * them. At run time the symbol exists in Node 20 and current browsers; where it does not, `await
 * using` is not available either.
 */
declare global {
  interface SymbolConstructor {
    /** The method that `await using` calls at the end of the scope. */
    readonly asyncDispose: unique symbol;
  }
}

export {};
