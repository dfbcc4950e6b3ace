/**
 * Capability of a Gatewire gateway that keeps a replay buffer per connection and answers
 * `gateway.resume`. Advertised in `hello-ok.features.capabilities`; a client opts in by sending it
 * in `connect.params.caps`. Gateways and clients that do not know it behave as plain protocol v4.
 */
export const RESUME_CAPABILITY = 'gatewire.resume.v1';
