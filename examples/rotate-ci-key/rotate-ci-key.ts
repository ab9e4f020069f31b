// A customer's ops script: rotate the API key our CI uses, store the new secret, revoke the old key.
import { createClient, type JupiterOneClient } from 'j1-api-keys';

/** Where the new secret goes (a vault, a CI secret store, …). */
export interface SecretStore {
  put(name: string, secret: string): Promise<void>;
}

/** Rotates the one live key named `keyName`; returns the new key's id. */
export async function rotateCiKey(store: SecretStore, keyName = 'ci-deploy', j1: JupiterOneClient = createClient()): Promise<string> {
  const live = (await j1.tokens.listAll()).filter((t) => t.name === keyName && !t.revoked);
  if (live.length !== 1) throw new Error(`expected exactly one live key named ${keyName}, found ${live.length}`);
  const { newId } = await j1.tokens.rotate(live[0]!.id, {
    onCreated: (fresh) => store.put('J1_CI_KEY', fresh.secret),
  });
  return newId;
}
