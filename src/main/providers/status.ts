import type { ProviderStatusKind } from '../../shared/contract/keys';
import type { ProviderCheck } from '../../shared/contract/providers';
import type { ErrorKind } from '../execution';
import type { ProviderFacts } from './directory';

export interface StatusInput {
  facts: ProviderFacts;
  keyPresent: boolean;
  /** Why keys cannot be read right now (the keychain is unavailable), else null. */
  keychainProblem: string | null;
  check: ProviderCheck | null;
  baseUrl: string | null;
}

const cli = (command: string): string => `\`npm run switchyard -- ${command}\``;

/** What the last test's failure class means for the provider's status. */
export function statusForFailure(kind: ErrorKind): ProviderStatusKind {
  if (kind === 'auth') return 'invalid_key';
  if (kind === 'rate_limit') return 'rate_limited';
  return 'unreachable';
}

function fromCheck(check: ProviderCheck, input: StatusInput): string {
  const { facts } = input;
  const http = check.httpStatus !== null ? ` (HTTP ${check.httpStatus})` : '';
  const when = check.source === 'test' ? 'at the last test' : 'on a request';
  switch (check.status) {
    case 'active':
      return check.models !== null
        ? `Answered the last test and listed ${check.models} models.`
        : 'Answered the last test.';
    case 'invalid_key':
      return input.keyPresent
        ? `${facts.displayName} refused the stored key ${when}${http}. Replace it with a valid key, then test again.`
        : `${facts.displayName} refused the request ${when}${http}: it needs a key. Store one, then test again.`;
    case 'untested':
      return `Not verified: ${check.detail}.`;
    case 'rate_limited':
      return `Rate limited at the last test${http}: ${check.detail}. Wait a moment and test again, or check the account's limits and quota.`;
    default:
      return `The last test got no usable answer from ${check.baseUrl}: ${check.detail}. Check the base URL, that the service is running and reachable, then test again.`;
  }
}

/** The provider's status with one sentence a person can act on. */
export function describeStatus(input: StatusInput): { status: ProviderStatusKind; reason: string } {
  const { facts, keyPresent, keychainProblem, check, baseUrl } = input;
  if (facts.keyRequired && keychainProblem !== null) {
    return {
      status: 'missing_key',
      reason: `The key cannot be read or saved: the OS keychain is unavailable. ${keychainProblem}`,
    };
  }
  if (facts.keyRequired && !keyPresent) {
    const env = facts.envVars.length ? `, or import ${facts.envVars.join(' / ')} from the environment` : '';
    return {
      status: 'missing_key',
      reason: `No API key stored. Paste one here, pipe it to ${cli(`keys set ${facts.id}`)}${env}.`,
    };
  }
  if (check) return { status: check.status, reason: fromCheck(check, input) };
  if (baseUrl === null) {
    const what = facts.id === 'azure' ? 'the Azure resource or its endpoint as the base URL' : 'its base URL';
    return {
      status: facts.keyRequired ? 'untested' : 'local',
      reason: `Set ${what} before it can be tested or used.`,
    };
  }
  if (!facts.keyRequired && !keyPresent) {
    return {
      status: 'local',
      reason: `Runs on your own server at ${baseUrl}; no key needed. Start it, then press Test.`,
    };
  }
  return {
    status: 'untested',
    reason: `A key is stored but has not been tested yet. Press Test, or run ${cli(`keys test ${facts.id}`)}.`,
  };
}
