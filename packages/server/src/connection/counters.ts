/** Gateway-wide counters, reported by `status`. */
export class GatewayCounters {
  eventsSent = 0;
  eventsDropped = 0;
  pendingRequests = 0;
}
