import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom, seedsFrom } from '../src/seeded-random';

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in range', () => {
    const draw = (seed: number) => Array.from({ length: 50 }, ((random) => () => random.integer(3, 7))(seededRandom(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(new Set(draw(42))).toEqual(new Set([3, 4, 5, 6, 7]));
    const random = seededRandom(1);
    for (let index = 0; index < 1_000; index++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
});

describe('seedsFrom', () => {
  afterEach(() => {
    delete process.env['GATEWIRE_TEST_SEEDS'];
  });

  it('reads comma-separated seeds from the environment, else the defaults, and refuses other text', () => {
    expect(seedsFrom('GATEWIRE_TEST_SEEDS', [1, 2])).toEqual([1, 2]);
    process.env['GATEWIRE_TEST_SEEDS'] = '7, 8';
    expect(seedsFrom('GATEWIRE_TEST_SEEDS', [1, 2])).toEqual([7, 8]);
    process.env['GATEWIRE_TEST_SEEDS'] = '7,x';
    expect(() => seedsFrom('GATEWIRE_TEST_SEEDS', [1])).toThrow(/comma-separated integers/);
  });
});
