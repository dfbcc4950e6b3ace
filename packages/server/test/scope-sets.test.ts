import { expandScopes } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { sharedScopeSet } from '../src/connection/scope-sets';

describe('sharedScopeSet', () => {
  it('expands like expandScopes and shares one set per scope list', () => {
    const first = sharedScopeSet(['operator.admin']);
    expect([...first].sort()).toEqual([...expandScopes(['operator.admin'])].sort());
    expect(sharedScopeSet(['operator.admin'])).toBe(first);
    const reader = sharedScopeSet(['operator.read']);
    expect(reader).not.toBe(first);
    expect(reader.has('operator.write')).toBe(false);
    expect(sharedScopeSet(['operator.read', 'operator.write'])).not.toBe(sharedScopeSet(['operator.read,operator.write']));
  });

  it('stays bounded when clients ask for many distinct lists', () => {
    for (let index = 0; index < 1000; index += 1) expect(sharedScopeSet([`custom.${index}`]).has(`custom.${index}`)).toBe(true);
    expect(sharedScopeSet(['custom.999'])).not.toBe(sharedScopeSet(['custom.999']));
  });

  it('gives a frozen list its set again, and never a list changed since to the set of what it held', () => {
    const frozen = Object.freeze(['operator.read']);
    expect(sharedScopeSet(frozen)).toBe(sharedScopeSet(['operator.read']));
    expect(sharedScopeSet(frozen)).toBe(sharedScopeSet(frozen));
    const changing = ['operator.read'];
    expect(sharedScopeSet(changing).has('operator.admin')).toBe(false);
    changing[0] = 'operator.admin';
    expect(sharedScopeSet(changing).has('operator.admin')).toBe(true);
    expect(sharedScopeSet(frozen).has('operator.admin')).toBe(false);
  });
});
