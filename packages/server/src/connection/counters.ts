/** Gateway-wide counters, reported by `status` and the instrumentation snapshot. */
export class GatewayCounters {
  eventsSent = 0;
  eventsDropped = 0;
  /** Events sent back by `gateway.resume` answers. */
  eventsReplayed = 0;
  /** Connections closed 1008 "slow consumer". */
  slowConsumerCloses = 0;
  pendingRequests = 0;
}
