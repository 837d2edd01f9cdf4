import type { Run } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { BudgetForm, describeBudget, describeCost } from '../../ui/BudgetForm';

/**
 * A run waiting over its budget: what it spent against what it may, and (for roles that may run) a
 * form to raise the budget, which resumes the run from its checkpoints.
 */
export function BudgetNote({ run, onChanged }: { run: Run; onChanged(run: Run): void }) {
  const { can } = useSession();
  if (run.status !== 'waiting' || run.waitReason !== 'budget_exceeded') return null;
  return (
    <div className="notice budget-note" role="status" data-testid="budget-note">
      <p>
        <strong>Waiting: over its budget.</strong> Its model calls cost {describeCost(run.cost)}
        {run.budget && <> of a budget of {describeBudget(run.budget)}</>}. Nothing runs until the budget is raised; it then resumes where it
        stopped, repeating no finished call.
      </p>
      {can.run && <BudgetForm budget={run.budget} onSubmit={async (change) => onChanged(await api.runs.setBudget(run.id, change))} />}
    </div>
  );
}
