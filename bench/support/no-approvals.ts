import type { ApprovalDesk } from '@assay/steps';

const none = async (): Promise<never> => {
  throw new Error('no approvals in the bench');
};

/** The bench runs no `approval` steps: its engines get a desk that refuses them. */
export const noApprovals: ApprovalDesk = { request: none, timeOut: none, mintLink: none };
