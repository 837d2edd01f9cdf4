import type { InputField } from '@assay/schema';

export type Verification = 'signature' | 'secret-header' | 'none';

/** The header carrying the secret in `secret-header` mode (SECRET_HEADER in the server's triggers route). */
export const SECRET_HEADER = 'x-webhook-secret';

/** Example input for the workflow: each input's default, else its first allowed value, else a value of its type. */
export function exampleInput(inputs: Record<string, InputField> | undefined): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(inputs ?? {})) example[name] = exampleValue(field);
  return example;
}

function exampleValue(field: InputField): unknown {
  if (field.default !== undefined) return field.default;
  if (field.enum?.[0] !== undefined) return field.enum[0];
  switch (field.type) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'array':
      return [];
  }
}

/** Quotes a value for a POSIX shell: inside single quotes nothing is special except the quote itself. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command that starts the workflow through its trigger URL in the given verification mode.
 * The secret is never embedded: the command reads it from $ASSAY_WEBHOOK_SECRET, so the example can
 * be shared; in signature mode it signs the body per Standard Webhooks with openssl.
 */
export function curlExample(options: { url: string; verification: Verification; input: Record<string, unknown> }): string {
  const body = JSON.stringify(options.input);
  const url = shellQuote(options.url);
  if (options.verification === 'none') {
    return `curl -X POST ${url} \\\n  -H 'content-type: application/json' \\\n  -d ${shellQuote(body)}`;
  }
  if (options.verification === 'secret-header') {
    return [
      `ASSAY_WEBHOOK_SECRET='whsec_…'  # the trigger secret`,
      `curl -X POST ${url} \\`,
      `  -H 'content-type: application/json' \\`,
      `  -H "${SECRET_HEADER}: $ASSAY_WEBHOOK_SECRET" \\`,
      `  -d ${shellQuote(body)}`,
    ].join('\n');
  }
  return [
    `ASSAY_WEBHOOK_SECRET='whsec_…'  # the trigger secret`,
    `BODY=${shellQuote(body)}`,
    // webhook-id doubles as an idempotency key: a retried delivery with the same id starts one run.
    `ID="msg_$(date +%s%N)"`,
    `TS=$(date +%s)`,
    `KEY=$(printf '%s' "\${ASSAY_WEBHOOK_SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \\n')`,
    `SIG=$(printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary | base64)`,
    `curl -X POST ${url} \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "webhook-id: $ID" \\`,
    `  -H "webhook-timestamp: $TS" \\`,
    `  -H "webhook-signature: v1,$SIG" \\`,
    `  -d "$BODY"`,
  ].join('\n');
}
