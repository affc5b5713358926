import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ProviderView } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useDeleteKey, useSaveKey } from './useProviders';

interface KeyFieldProps {
  provider: ProviderView;
  /** The keychain is unavailable: nothing can be saved or deleted. */
  disabled: boolean;
}

/**
 * Write-only key entry. The field is uncontrolled so the key never enters React state; it is sent
 * once and the field emptied. What comes back, and all that is ever shown, is the masked view.
 */
export function KeyField({ provider, disabled }: KeyFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const { save, pending, error } = useSaveKey(provider.id);
  const remove = useDeleteKey(provider.id);
  const [confirming, setConfirming] = useState(false);
  const [empty, setEmpty] = useState(false);
  const { key } = provider;
  const id = `key-${provider.id}`;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function onSubmit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const field = input.current;
    if (!field) return;
    if (field.value.trim() === '') {
      setEmpty(true);
      field.focus();
      return;
    }
    setEmpty(false);
    if (await save(field.value)) field.value = '';
  }

  const stored = key.present
    ? key.last4
      ? `Stored: ends in ${key.last4}`
      : 'Stored (too short to show any of it)'
    : 'No key stored';
  return (
    <div className="key-field">
      <form className="inline-form" onSubmit={(e) => void onSubmit(e)}>
        <label className="field__label" htmlFor={id}>
          API key{provider.keyRequired ? '' : ' (optional)'}
        </label>
        <p className="field__hint" id={`${id}-state`}>
          {key.present && key.last4 && (
            <span className="key-mask mono" aria-hidden="true">
              ••••{key.last4}{' '}
            </span>
          )}
          <span className={key.present && key.last4 ? 'visually-hidden' : undefined}>{stored}</span>
        </p>
        <div className="inline-form__row">
          <input
            ref={input}
            id={id}
            className="field__input mono"
            type="password"
            name={`${provider.id}-api-key`}
            autoComplete="new-password"
            spellCheck={false}
            placeholder={key.present ? 'Paste a new key to replace it' : 'Paste the key'}
            aria-describedby={`${id}-state${empty ? ` ${id}-empty` : ''}`}
            aria-invalid={empty || undefined}
            disabled={disabled || pending}
            onInput={() => empty && setEmpty(false)}
          />
          <button type="submit" className="button button--primary" disabled={disabled || pending}>
            {pending ? 'Saving…' : key.present ? 'Replace key' : 'Save key'}
          </button>
          {key.present && !confirming && (
            <button type="button" className="button" disabled={disabled} onClick={() => setConfirming(true)}>
              Delete key
            </button>
          )}
        </div>
        {empty && (
          <p className="field__error" id={`${id}-empty`}>
            Paste a key first.
          </p>
        )}
      </form>
      {confirming && (
        <div className="confirm" role="group" aria-label={`Confirm deleting the ${provider.displayName} key`}>
          <p>
            Delete the {provider.displayName} key from the OS keychain? Requests to it will stop until a key
            is added again.
          </p>
          <div className="inline-form__row">
            <button
              ref={confirmButton}
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              {remove.isPending ? 'Deleting…' : 'Delete'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error !== null && <ErrorNotice title="The key was not saved" error={error} />}
      {remove.isError && <ErrorNotice title="The key was not deleted" error={remove.error} />}
    </div>
  );
}
