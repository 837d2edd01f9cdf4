import { AssayApiError } from '@assay/sdk';

/** An API error as the user should read it: the message and, when given, each offending field. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof AssayApiError ? error.details : [];
  return (
    <div className="error-note" role="alert">
      {message}
      {details.length > 0 && (
        <ul>
          {details.map((detail, index) => (
            <li key={index}>
              <code>{detail.path}</code>: {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
