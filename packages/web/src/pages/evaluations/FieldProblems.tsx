import type { ErrorDetail } from '@assay/schema';

/** The server's complaints about one part of a form, next to it, each with the field it names. */
export function FieldProblems({ details }: { details: readonly ErrorDetail[] | undefined }) {
  if (!details || details.length === 0) return null;
  return (
    <div className="field-error" data-testid="field-problems">
      {details.map((detail, index) => (
        <div key={index}>
          <code>{detail.path}</code>: {detail.message}
        </div>
      ))}
    </div>
  );
}
