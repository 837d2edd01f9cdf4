import { useState, type FormEvent } from 'react';
import type { Workflow } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { CopyButton } from '../../ui/CopyButton';
import { EnabledPill } from '../../ui/EnabledPill';
import { SecretOnce } from '../../ui/SecretOnce';
import { confirmed, useAction } from '../../ui/use-action';
import { curlExample, exampleInput, SECRET_HEADER, type Verification } from './curl-example';

type Trigger = NonNullable<Workflow['trigger']>;

const MODES: ReadonlyArray<{ value: Verification; label: string }> = [
  { value: 'signature', label: 'Signature (Standard Webhooks, recommended)' },
  { value: 'secret-header', label: `Secret header (${SECRET_HEADER})` },
  { value: 'none', label: 'None (anyone with the URL can start runs)' },
];

/**
 * The workflow's webhook trigger: its settings, URL, secret (shown when created or rotated, and to
 * admins on request)
 * and a curl example. `trigger` is the workflow's current trigger, null before the first save.
 */
export function TriggerSection({ workflow, canChange }: { workflow: Workflow; canChange: boolean }) {
  const action = useAction();
  const { can } = useSession();
  const [trigger, setTrigger] = useState<Trigger | null>(workflow.trigger);
  const [enabled, setEnabled] = useState(trigger?.enabled ?? true);
  const [verification, setVerification] = useState<Verification>(trigger?.verification ?? 'signature');
  const [callbackUrl, setCallbackUrl] = useState(trigger?.callbackUrl ?? '');
  const [inputMapping, setInputMapping] = useState(trigger?.inputMapping ?? '');
  const [strict, setStrict] = useState(trigger?.strict ?? false);
  const [secret, setSecret] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      // The answer carries the secret only when this save created the trigger.
      const { secret: created, ...saved } = await api.triggers.put(workflow.id, {
        enabled,
        verification,
        callbackUrl: callbackUrl.trim() || null,
        inputMapping: inputMapping.trim() || null,
        strict,
      });
      setTrigger(saved);
      if (created) setSecret(created);
    });
  };

  const rotate = () => {
    if (!confirmed('Issue a new trigger secret? The current one stops working at once; every sender must be updated.')) return;
    void action.run(async () => {
      const { secret: rotated, ...settings } = await api.triggers.rotate(workflow.id);
      setTrigger(settings);
      setSecret(rotated);
    });
  };

  const reveal = () =>
    void action.run(async () => {
      setSecret((await api.triggers.revealSecret(workflow.id)).secret);
    });

  const example = trigger
    ? curlExample({ url: trigger.url, verification: trigger.verification, input: exampleInput(workflow.definition.inputs) })
    : null;
  return (
    <section className="card" aria-label="Webhook trigger">
      <div className="section-head">
        <h2>Webhook trigger</h2>
        {trigger ? <EnabledPill enabled={trigger.enabled} /> : <span className="pill">not set up</span>}
      </div>
      <p className="muted">
        An external system starts a run by POSTing JSON or a form to the trigger URL. The body's fields that the workflow declares become
        the run's input, or an input mapping picks them out of the sender's own payload; steps read the whole request as{' '}
        <code>trigger.body</code>, <code>trigger.headers</code> and <code>trigger.query</code>.
      </p>
      <form className="settings-form" onSubmit={save} aria-label="Trigger settings">
        <label className="inline">
          <input
            type="checkbox"
            name="trigger-enabled"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            disabled={!canChange}
          />{' '}
          Enabled
        </label>
        <label>
          Verification
          <select
            name="trigger-verification"
            value={verification}
            onChange={(e) => setVerification(e.target.value as Verification)}
            disabled={!canChange}
          >
            {MODES.map((mode) => (
              <option key={mode.value} value={mode.value}>
                {mode.label}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Callback URL <span className="hint">optional: receives the finished run, signed with the trigger secret</span>
          <input
            name="trigger-callback-url"
            type="url"
            value={callbackUrl}
            onChange={(e) => setCallbackUrl(e.target.value)}
            placeholder="https://example.com/assay-callback"
            disabled={!canChange}
          />
        </label>
        <label className="wide">
          Input mapping{' '}
          <span className="hint">
            optional JSONata over <code>{'{ body, headers, query }'}</code>, e.g. <code>{'{ "companyId": body.deal.company_id }'}</code>
          </span>
          <textarea
            name="trigger-input-mapping"
            rows={3}
            value={inputMapping}
            onChange={(e) => setInputMapping(e.target.value)}
            placeholder='{ "companyId": body.deal.company_id }'
            disabled={!canChange}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="trigger-strict"
            checked={strict}
            onChange={(e) => setStrict(e.target.checked)}
            disabled={!canChange}
          />{' '}
          Strict: refuse body fields the workflow does not declare (without a mapping)
        </label>
        {canChange && (
          <div className="buttons">
            <button className="primary" type="submit" disabled={action.busy}>
              {trigger ? 'Save trigger' : 'Create trigger'}
            </button>
            {trigger && (
              <button type="button" disabled={action.busy} onClick={rotate}>
                Rotate secret
              </button>
            )}
            {trigger && can.admin && (
              <button type="button" disabled={action.busy} onClick={reveal}>
                Reveal secret
              </button>
            )}
          </div>
        )}
      </form>
      <ErrorNote error={action.error} />
      {secret && (
        <SecretOnce
          title="Trigger secret"
          secret={secret}
          note="Copy it now into the sending system. Admins can reveal it again later (each reveal is in the audit log); rotate it if it leaks."
          onDismiss={() => setSecret(null)}
        />
      )}
      {trigger && example && (
        <>
          <h3>Trigger URL</h3>
          <div className="row">
            <code className="secret" data-testid="trigger-url">
              {trigger.url}
            </code>
            <CopyButton text={trigger.url} />
          </div>
          <h3>Example</h3>
          <ModeNote verification={trigger.verification} />
          <pre className="curl-example" data-testid="curl-example">
            {example}
          </pre>
          <CopyButton text={example} label="Copy command" />
        </>
      )}
    </section>
  );
}

/** What a sender must add in the saved verification mode. */
function ModeNote({ verification }: { verification: Verification }) {
  if (verification === 'signature') {
    return (
      <p className="muted">
        Sign each request per{' '}
        <a href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
          Standard Webhooks
        </a>
        : headers <code>webhook-id</code>, <code>webhook-timestamp</code> (Unix seconds, within 5 minutes) and{' '}
        <code>webhook-signature</code> (<code>v1,</code> + base64 HMAC-SHA256 of <code>id.timestamp.body</code> keyed with the secret). Any
        Standard Webhooks library does this; the command below does it with openssl.
      </p>
    );
  }
  if (verification === 'secret-header')
    return (
      <p className="muted">
        Send the trigger secret in the <code>{SECRET_HEADER}</code> header.
      </p>
    );
  return (
    <p className="notice">
      No verification: anyone who knows the URL can start runs. Prefer signature mode for anything reachable from the internet.
    </p>
  );
}
