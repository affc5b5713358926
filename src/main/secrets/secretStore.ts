import type { KeychainStatus } from '../../shared/contract';

/**
 * Where secrets live. Callers only see this interface so another backend (e.g. Electron
 * safeStorage) can be added without touching them. Implementations throw KEYCHAIN_UNAVAILABLE,
 * never fall back to plaintext.
 */
export interface SecretStore {
  readonly backend: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts that hold a secret (never the secrets themselves). */
  list(): Promise<string[]>;
  /** Probes the backend; never throws. */
  probe(): Promise<KeychainStatus>;
}

export const KEYCHAIN_SERVICE = 'Switchyard';
