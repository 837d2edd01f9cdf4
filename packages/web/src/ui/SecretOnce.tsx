import { CopyButton } from './CopyButton';

/**
 * A secret the API returns once (a new key, endpoint or trigger secret): after this box is dismissed
 * nobody can read it again, except a trigger's, which an admin may reveal (`note` says so).
 */
export function SecretOnce({ title, secret, note, onDismiss }: { title: string; secret: string; note?: string; onDismiss(): void }) {
  return (
    <div className="notice secret-once" role="status">
      <strong>{title}</strong>
      <p className="warning">
        {note ?? 'Copy it now: it is shown only this once and cannot be read again. If it is lost, rotate or create a new one.'}
      </p>
      <div className="row">
        <div className="secret" data-testid="secret-once">
          {secret}
        </div>
        <CopyButton text={secret} />
        <button type="button" className="small" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
