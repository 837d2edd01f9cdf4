/** The outbound guard: private-address refusal for every outbound HTTP request of the data steps. */
export { parseAllowList, isAllowedHost } from './allow-list';
export { isPrivateAddress } from './ip-ranges';
export { createOutboundGuard, refusedError, type OutboundGuard, type OutboundGuardOptions, type OutboundRequest, type OutboundResponse } from './outbound-guard';
