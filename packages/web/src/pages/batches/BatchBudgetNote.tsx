import type { Batch } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { BudgetForm, describeBudget, describeCost } from '../../ui/BudgetForm';

/** A batch held by its budget: what its runs spent, and (for roles that may run) a form to raise it. */
export function BatchBudgetNote({ batch, onChanged }: { batch: Batch; onChanged(batch: Batch): void }) {
  const { can } = useSession();
  if (batch.budgetExceededAt === null || batch.completedAt !== null) return null;
  return (
    <div className="notice budget-note" role="status" data-testid="batch-budget-note">
      <p>
        <strong>Held: the batch reached its budget.</strong> Its runs' model calls cost {describeCost(batch.cost)}
        {batch.budget && <> of {describeBudget(batch.budget)}</>}. Runs already executing finish; the {batch.counts.queued} queued start
        when the budget is raised.
      </p>
      {can.run && (
        <BudgetForm budget={batch.budget} onSubmit={async (change) => onChanged(await api.batches.setBudget(batch.id, change))} />
      )}
    </div>
  );
}
