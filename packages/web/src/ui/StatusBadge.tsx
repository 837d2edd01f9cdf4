/** A run, step or batch status as a coloured pill (the colour class is the status itself). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      {status}
    </span>
  );
}
