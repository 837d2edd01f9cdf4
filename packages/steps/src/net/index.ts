/** The outbound guard: only globally routable unicast destinations, for every outbound HTTP request. */
export { parseAllowList, isAllowedHost } from './allow-list';
export { classifyAddress, isPrivateAddress, type AddressClass } from './ip-ranges';
export { destinationRefusal, DESTINATION_LOOKUP_TIMEOUT_MS, type DestinationCheckOptions } from './destination-check';
export {
  createOutboundGuard,
  type OutboundGuard,
  type OutboundGuardOptions,
  type OutboundRequest,
  type OutboundResponse,
} from './outbound-guard';
export { OutboundRefusedError, refusedError } from './outbound-refused-error';
