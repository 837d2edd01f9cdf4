import { randomBytes } from 'node:crypto';
import type { Logger } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { Store } from '@assay/store';
import { LEGACY_ENVELOPE, SecretBox } from './secret-box';
import { deriveSecretKeys, loadKeyMaterial } from './secret-key';

/** The settings rows: the salt every process derives the key with, and a value sealed with that key. */
const SALT_SETTING = 'secret_box.salt';
const CHECK_SETTING = 'secret_box.check';
const CHECK_TEXT = 'Assay secret key check';
const SALT_BYTES = 16;

const wrongKey = () =>
  new AssayError(
    'invalid_state',
    "ASSAY_SECRET_KEY does not open the secrets this database holds: they were sealed with another key. Start Assay with the key they were sealed with (every process needs the same ASSAY_SECRET_KEY; without it, the data directory's secret.key is the key)",
  );

/**
 * The SecretBox of this process, ready at start-up: the key is derived with the salt stored in the
 * database (created once: the first process to start inserts it, every other reads it), checked
 * against a value sealed with it (a wrong key stops the start with a clear error instead of failing
 * later, one credential at a time), and values still in the legacy `v1` envelope are re-sealed as
 * `v2` (a one-off step each start repeats only for what is left, e.g. values an older process
 * sealed during a rolling upgrade).
 */
export async function openSecretBox(options: {
  store: Store;
  secretKey: string | null;
  dataDir: string;
  logger: Logger;
}): Promise<SecretBox> {
  const { store, logger } = options;
  const material = loadKeyMaterial(options.secretKey, options.dataDir);
  const salt = await store.settings.putIfAbsent(SALT_SETTING, randomBytes(SALT_BYTES).toString('base64url'));
  const box = new SecretBox(await deriveSecretKeys(material, Buffer.from(salt, 'base64url')));
  await assertRightKey(store, box);
  await resealLegacy(store, box, logger);
  return box;
}

/** Throws when the key is not the one this database's secrets were sealed with. */
async function assertRightKey(store: Store, box: SecretBox): Promise<void> {
  let check = await store.settings.get(CHECK_SETTING);
  if (check === null) {
    // The first start since the upgrade: before the key is recorded as the right one, it must open
    // what the old version sealed (an upgrade that also changed the key would lock the right key out).
    const legacy = await store.sealedValues.inVersion(LEGACY_ENVELOPE);
    if (legacy.length > 0 && !legacy.some((value) => box.opens(value.sealed))) throw wrongKey();
    check = await store.settings.putIfAbsent(CHECK_SETTING, box.seal(CHECK_TEXT));
  }
  if (!box.opens(check)) throw wrongKey();
}

/** Re-seals every `v1` value as `v2`; one that does not open is left as it is (its use will say why). */
async function resealLegacy(store: Store, box: SecretBox, logger: Logger): Promise<void> {
  let resealed = 0;
  for (const value of await store.sealedValues.inVersion(LEGACY_ENVELOPE)) {
    let plain: string;
    try {
      plain = box.open(value.sealed);
    } catch {
      logger.warn({ kind: value.kind, id: value.id }, 'a stored secret does not open with ASSAY_SECRET_KEY and was left as it is');
      continue;
    }
    if (await store.sealedValues.replace(value, box.seal(plain))) resealed++;
  }
  if (resealed > 0) logger.info({ resealed }, 'stored secrets re-sealed under the derived key (envelope v2)');
}
