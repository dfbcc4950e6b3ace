/** Heap and RSS growth of this process (gateway and test clients together) across one hostile case. */
export interface MemoryGrowth {
  heapMiB: number;
  rssMiB: number;
}

const MIB = 1024 * 1024;

/** Start measuring; the returned function gives the growth since the start and prints it as a figure. */
export function measureMemory(label: string): () => MemoryGrowth {
  const before = process.memoryUsage();
  return () => {
    const after = process.memoryUsage();
    const growth = { heapMiB: (after.heapUsed - before.heapUsed) / MIB, rssMiB: (after.rss - before.rss) / MIB };
    console.info(`[hostile] ${label}: heap +${growth.heapMiB.toFixed(1)} MiB, rss +${growth.rssMiB.toFixed(1)} MiB`);
    return growth;
  };
}
