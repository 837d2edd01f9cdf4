import type { StepRegistry } from '@assay/engine';
import { builtInSteps, createModelResolver } from '../index';
import type { ApprovalDesk } from '../logic/approval';

/** Every port refuses: describing the step types never executes one. */
const refuse = async (): Promise<never> => {
  throw new Error('the step reference describes step types; it never executes them');
};

const noApprovals: ApprovalDesk = { request: refuse, timeOut: refuse, mintLink: refuse };

/** The built-in registry as a process builds it (`builtInSteps`), with ports that do nothing, to describe it. */
export function builtInStepsForReference(): StepRegistry {
  return builtInSteps({
    ai: createModelResolver({ compatible: {} }),
    httpAllow: [],
    mcpServers: { get: refuse },
    documents: { search: refuse },
    mcpStdio: false,
    sqliteRoot: '/nonexistent',
    datasets: { find: refuse },
    children: { start: refuse, get: refuse },
    signals: { get: refuse },
    approvals: noApprovals,
  });
}
