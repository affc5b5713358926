import type { Screen } from '../../app/screens';
import { isContractRequestError } from '../../transport';

export interface ErrorAdvice {
  code: string;
  message: string;
  /** What the person can do about it, in one sentence. */
  advice: string;
  /** Where to go to do it. */
  link?: { screen: Screen; label: string };
}

const isAuthFailure = (message: string, details: Record<string, unknown> | undefined): boolean =>
  details?.kind === 'auth' ||
  details?.errorKind === 'auth' ||
  /\b(401|403)\b|invalid[_ ]api[_ ]key|api key|no key/i.test(message);

/** A failed run or preview as the user can act on it: the stable code, the message, and what to do. */
export function adviceFor(error: unknown): ErrorAdvice {
  const code = isContractRequestError(error) ? error.code : 'INTERNAL';
  const details = isContractRequestError(error) ? error.details : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const base = { code, message };
  switch (code) {
    case 'BUDGET_EXCEEDED':
      return {
        ...base,
        advice:
          'A hard budget blocks this request. Raise the budget, wait for its window to reset, or pick a cheaper model.',
        link: { screen: 'costs', label: 'Open budgets' },
      };
    case 'NO_ELIGIBLE_MODEL':
      return {
        ...base,
        advice:
          'No model meets every constraint. Loosen max cost, max latency or min quality, unpin the model, or add a provider key.',
        link: { screen: 'settings', label: 'Provider keys' },
      };
    case 'STRATEGY_UNAVAILABLE':
      return { ...base, advice: 'Pick another strategy; "Auto" always works.' };
    case 'RATE_LIMIT_EXCEEDED':
      return {
        ...base,
        advice: 'The provider is rate limiting. Wait a moment and run again, or pick another model.',
      };
    case 'CANCELLED':
      return { ...base, advice: 'You stopped this run. Run it again when you are ready.' };
    case 'KEYCHAIN_UNAVAILABLE':
      return {
        ...base,
        advice:
          'Keys cannot be read from the OS keychain. Unlock it, or turn on simulation to try without keys.',
        link: { screen: 'status', label: 'Check the keychain' },
      };
    case 'DB_UNAVAILABLE':
      return {
        ...base,
        advice: 'The ledger database is unavailable, so runs cannot be recorded or budgeted.',
        link: { screen: 'status', label: 'Open Status' },
      };
    case 'PAYLOAD_TOO_LARGE':
      return {
        ...base,
        advice:
          'The request is too large to send. Remove or shrink an attached image (up to 1 MB each), or shorten the prompt.',
      };
    case 'UNREACHABLE':
      return {
        ...base,
        advice: 'The Switchyard server is not answering. Check that it is still running, then reload.',
      };
    case 'PROVIDER_ERROR':
      if (isAuthFailure(message, details)) {
        return {
          ...base,
          advice: 'The provider refused the API key. Check or replace it in Settings, or turn on simulation.',
          link: { screen: 'settings', label: 'Open Settings' },
        };
      }
      return {
        ...base,
        advice: 'Every model in the fallback chain failed. Try again, or pin a different model.',
      };
    default:
      return { ...base, advice: 'If this keeps happening, the server log has the details.' };
  }
}
