import { NO_MODEL } from '@assay/server/services';

/** The demos' first step: without a model provider, the run stops at once saying what to set. */
export const PROVIDER_CHECK = {
  id: 'provider',
  type: 'fail',
  label: 'Check for a model provider',
  if: '$type(assay.ai.defaultModel) != "string"',
  with: { message: NO_MODEL },
};
