/** Field names as a person reads them; others are split from camelCase. */
const LABELS: Record<string, string> = { clientId: 'client id', graceSeconds: 'grace (s)', workflowId: 'workflow', from: 'from version' };

const MAX_TEXT = 60;

function label(field: string): string {
  return LABELS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function text(value: unknown): string {
  const shown =
    typeof value === 'string' ? value : Array.isArray(value) ? value.map((item) => text(item)).join(', ') : JSON.stringify(value);
  return shown.length > MAX_TEXT ? `${shown.slice(0, MAX_TEXT - 1)}…` : shown;
}

/** An audit entry's details in one line: `name: CRM integration · scope: run`; nested values are left to the raw JSON. */
export function summarizeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value)))
    .map(([field, value]) => `${label(field)}: ${text(value)}`)
    .join(' · ');
}
