import type { Services } from '../services';
import { openAIError, type GatewayError } from './openaiErrors';

/**
 * Bearer token only: the gateway never reads the UI's cookie, so a browser page cannot ride on it.
 * Null when the call may go on; otherwise the refusal (the gateway switched off, or no/wrong token).
 */
export async function gatewayAuthError(
  services: Services,
  authorization: string | undefined,
): Promise<GatewayError | null> {
  if (!services.gateway.enabled)
    return openAIError('GATEWAY_DISABLED', 'The gateway is switched off: turn it on in Settings → Gateway.');
  await services.accessToken.refreshIfStale();
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  if (bearer !== undefined && services.accessToken.matches(bearer)) return null;
  return openAIError(
    'UNAUTHORIZED',
    bearer === undefined
      ? 'Missing bearer token: send `Authorization: Bearer <token>` (`npm run switchyard -- token` prints it).'
      : 'Incorrect access token: `npm run switchyard -- token` prints the current one.',
    null,
    { 'www-authenticate': 'Bearer realm="switchyard"' },
  );
}
