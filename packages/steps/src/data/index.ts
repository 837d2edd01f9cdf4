import type { StepType } from '@assay/engine';
import { createOutboundGuard } from '../net/outbound-guard';
import { createHttpRequestStep } from './http-request';
import { createWebExtractStep } from './web-extract';
import { createWebSearchStep } from './web-search';

export { createHttpRequestStep, createWebExtractStep, createWebSearchStep };

/** Settings of the HTTP steps, from the composition root. */
export interface HttpStepsOptions {
  /** Private hosts/IPs outbound requests may reach (ASSAY_HTTP_ALLOW via `parseAllowList`); `*` allows all. */
  allow: string[];
}

/** `http.request` and `web.extract`, sharing one outbound guard (and its connection pool). */
export function createHttpSteps(options: HttpStepsOptions): StepType[] {
  const guard = createOutboundGuard({ allow: options.allow });
  return [createHttpRequestStep(guard), createWebExtractStep(guard)];
}
