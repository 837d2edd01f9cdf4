/** Whether an endpoint, schedule or trigger is on, as a coloured pill. */
export function EnabledPill({ enabled, title }: { enabled: boolean; title?: string }) {
  return (
    <span className={`pill ${enabled ? 'on' : 'off'}`} title={title}>
      {enabled ? 'enabled' : 'disabled'}
    </span>
  );
}
