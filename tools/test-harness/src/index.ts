export { FaultProxy, type FaultProxyEvents } from './fault-proxy';
export { FaultDirection, slowReaderHeldBytes, throttleTickMs, type DirectionName, type FaultCounters, type FaultSettings } from './fault-direction';
export { assertExactlyOnce, checkExactlyOnce, type CheckedClient, type ClientRecord, type ExactlyOnceProblem, type ExactlyOnceReport } from './exactly-once-checker';
export { findFreePort, listenOnLoopback, tryConnect } from './loopback';
export { seededRandom, seedsFrom, type SeededRandom } from './seeded-random';
export { CHROMIUM_ARGS, findChromium } from './chromium';
