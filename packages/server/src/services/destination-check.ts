import { invalidInput } from '@assay/schema';
import { destinationRefusal } from '@assay/steps';

/** Throws a 400 naming `field` when the outbound guard would refuse `url`. */
export type DestinationCheck = (field: string, url: string) => Promise<void>;

/**
 * The check of every URL a user gives Assay to call later (an event endpoint's `url`, a run's or a
 * trigger's `callbackUrl`), made when it is registered, so the user hears of a refused address at
 * once rather than from a delivery log. Sends are checked again (DNS can change meanwhile).
 */
export function destinationCheck(allow: readonly string[]): DestinationCheck {
  return async (field, url) => {
    const refusal = await destinationRefusal(url, { allow });
    if (refusal)
      throw invalidInput(
        field,
        `refused by the outbound guard: ${refusal.reason}; Assay calls only public (globally routable unicast) addresses unless ASSAY_HTTP_ALLOW allows the host`,
      );
  };
}
