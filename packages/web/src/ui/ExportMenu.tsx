/** Export as YAML or JSON (both import again). */
export function ExportMenu({ onPick }: { onPick(format: 'yaml' | 'json'): void }) {
  return (
    <select
      className="export-menu"
      aria-label="Export"
      value=""
      onChange={(event) => {
        if (event.target.value) onPick(event.target.value as 'yaml' | 'json');
      }}
    >
      <option value="">Export…</option>
      <option value="yaml">YAML</option>
      <option value="json">JSON</option>
    </select>
  );
}
