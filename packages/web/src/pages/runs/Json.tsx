import { memo } from 'react';

/** A value as indented JSON; memoised because run pages re-render on every live event. */
export const Json = memo(function Json({ value, testId }: { value: unknown; testId?: string }) {
  if (value === undefined) return <span className="muted">—</span>;
  return <pre data-testid={testId}>{JSON.stringify(value, null, 2)}</pre>;
});
