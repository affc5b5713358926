import { useState, type FormEvent } from 'react';
import type { GatewayInfo } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { gatewaySnippets } from './gatewaySnippets';
import { useGatewayInfo, useRotateToken, useTokenReader, useUpdateGateway } from './useGateway';

type CopyState = { what: string; ok: boolean } | null;

/** Copies to the clipboard and says so; a refused clipboard says to select the text instead. */
function useCopy(): [
  CopyState,
  (what: string, text: string | (() => Promise<string>)) => Promise<void>,
  () => void,
] {
  const [state, setState] = useState<CopyState>(null);
  const copy = async (what: string, text: string | (() => Promise<string>)): Promise<void> => {
    try {
      await navigator.clipboard.writeText(typeof text === 'string' ? text : await text());
      setState({ what, ok: true });
    } catch {
      setState({ what, ok: false });
    }
  };
  return [state, copy, () => setState(null)];
}

function TokenRow({ info }: { info: GatewayInfo }) {
  const readToken = useTokenReader();
  const rotate = useRotateToken();
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [copied, copy, clearCopied] = useCopy();

  async function reveal(): Promise<void> {
    setError(null);
    try {
      setToken(await readToken());
    } catch (e) {
      setError(e);
    }
  }

  function rotateNow(): void {
    setConfirming(false);
    setToken(null);
    clearCopied();
    rotate.mutate();
  }

  return (
    <div className="gateway__row">
      <span className="field__label" id="gateway-token-label">
        Access token
      </span>
      <p className="field__hint">
        The API key for the gateway (and this UI&apos;s sign-in). It guards this machine&apos;s own API, not a
        provider account; it is shown only when you ask.{' '}
        {info.tokenStorage === 'memory' &&
          'The keychain is unavailable, so this token lasts only until the app restarts.'}
      </p>
      <div className="inline-form__row">
        <code
          className="gateway__value mono"
          aria-labelledby="gateway-token-label"
          data-testid="gateway-token"
        >
          {token ?? '•'.repeat(24)}
        </code>
        {/* While a rotation is on its way, main could still answer with the token it replaces. */}
        {token === null ? (
          <button type="button" className="button" disabled={rotate.isPending} onClick={() => void reveal()}>
            Reveal
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setToken(null)}>
            Hide
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={rotate.isPending}
          onClick={() => void copy('token', async () => token ?? (await readToken()))}
        >
          Copy token
        </button>
        {!confirming && (
          <button
            type="button"
            className="button"
            disabled={rotate.isPending}
            onClick={() => setConfirming(true)}
          >
            {rotate.isPending ? 'Rotating…' : 'Rotate…'}
          </button>
        )}
      </div>
      {confirming && (
        <div className="inline-form__row" role="group" aria-label="Confirm rotation">
          <span>Every tool using the current token stops working at once.</span>
          <button type="button" className="button button--primary" onClick={rotateNow}>
            Rotate now
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {rotate.isSuccess && !confirming && token === null && (
        <p role="status">Rotated: the old token no longer works. Reveal or copy the new one.</p>
      )}
      {copied?.what === 'token' && (
        <p role="status">{copied.ok ? 'Token copied.' : 'The clipboard refused: reveal and select it.'}</p>
      )}
      {error !== null && <ErrorNotice title="The token could not be read" error={error} />}
      {rotate.isError && <ErrorNotice title="The token was not rotated" error={rotate.error} />}
    </div>
  );
}

function ListenerForm({ info }: { info: GatewayInfo }) {
  const update = useUpdateGateway();
  const [port, setPort] = useState(String(info.settings.port));
  // Follows the click at once; a refusal sets it back (new settings remount the form: see its key).
  const [enabled, setEnabled] = useState(info.settings.enabled);

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    update.mutate({ port: Number(port) });
  }

  return (
    <form className="inline-form gateway__row" onSubmit={onSubmit}>
      <label className="inline-form__row">
        <input
          type="checkbox"
          checked={enabled}
          disabled={update.isPending}
          onChange={(e) => {
            setEnabled(e.target.checked);
            update.mutate(
              { enabled: e.target.checked },
              { onError: () => setEnabled(info.settings.enabled) },
            );
          }}
        />
        Serve the gateway
      </label>
      <label className="field__label" htmlFor="gateway-port">
        Port
      </label>
      <p className="field__hint" id="gateway-port-hint">
        {info.mode === 'shell-port'
          ? 'This headless shell serves the gateway on its own port (npm run serve --port). The port here is the desktop app’s, on 127.0.0.1.'
          : 'The desktop app listens on 127.0.0.1 only, at this port (1024–65535).'}
      </p>
      <div className="inline-form__row">
        <input
          id="gateway-port"
          className="field__input mono gateway__port"
          type="number"
          min={1024}
          max={65535}
          aria-describedby="gateway-port-hint"
          value={port}
          onChange={(e) => setPort(e.target.value)}
        />
        <button type="submit" className="button" disabled={update.isPending}>
          Save port
        </button>
      </div>
      {update.isError && <ErrorNotice title="The gateway settings were not saved" error={update.error} />}
    </form>
  );
}

/** Settings → Gateway: where the OpenAI-compatible endpoint is, its token, and how to use it. */
export function GatewaySettings() {
  const gateway = useGatewayInfo();
  const [copied, copy] = useCopy();
  const info = gateway.data;

  return (
    <Card title="OpenAI-compatible gateway" wide aside={info && (info.running ? 'On' : 'Off')}>
      {gateway.isError && <ErrorNotice title="Could not read the gateway settings" error={gateway.error} />}
      {info && (
        <div className="gateway">
          <p className="field__hint">{info.message}</p>
          <div className="gateway__row">
            <span className="field__label" id="gateway-url-label">
              Base URL
            </span>
            <div className="inline-form__row">
              <code
                className="gateway__value mono"
                aria-labelledby="gateway-url-label"
                data-testid="gateway-url"
              >
                {info.baseUrl ?? 'not serving'}
              </code>
              {info.baseUrl && (
                <button type="button" className="button" onClick={() => void copy('url', info.baseUrl ?? '')}>
                  Copy URL
                </button>
              )}
            </div>
          </div>
          <TokenRow info={info} />
          <ListenerForm key={`${info.settings.enabled}:${info.settings.port}`} info={info} />
          {info.baseUrl && (
            <div className="gateway__snippets">
              <p className="field__hint">
                Set <code>SWITCHYARD_TOKEN</code> to the token; the snippets read it from there so they carry
                no credential. <code>model</code> may be <code>auto</code>,{' '}
                <code>switchyard/&lt;use case&gt;</code> or <code>&lt;provider&gt;/&lt;model&gt;</code>.
              </p>
              {gatewaySnippets(info.baseUrl).map((s) => (
                <figure key={s.id} className="gateway__snippet">
                  <figcaption className="inline-form__row">
                    <span className="field__label">{s.label}</span>
                    <button type="button" className="button" onClick={() => void copy(s.id, s.code)}>
                      Copy
                    </button>
                  </figcaption>
                  <pre className="mono" data-testid={`snippet-${s.id}`}>
                    {s.code}
                  </pre>
                </figure>
              ))}
            </div>
          )}
          {copied && copied.what !== 'token' && (
            <p role="status">{copied.ok ? 'Copied.' : 'The clipboard refused: select the text instead.'}</p>
          )}
        </div>
      )}
    </Card>
  );
}
