import { useCompose } from './composeStore';
import { DraftTextarea } from './DraftTextarea';
import { useSettledDraft } from './useSettledDraft';
import { ImageAttach } from './ImageAttach';

const chars = new Intl.NumberFormat('en-US');

/** The system message: rarely long, so it stays small until used. */
function SystemField() {
  return (
    <div className="pg-field">
      <label htmlFor="pg-system" className="pg-field__label">
        System message <span className="muted">(optional)</span>
      </label>
      <DraftTextarea
        field="system"
        id="pg-system"
        className="pg-textarea"
        rows={2}
        spellCheck={false}
        placeholder="You are a concise assistant."
      />
    </div>
  );
}

/**
 * The user message. Typing here only stores the text: nothing on this path measures, tokenises,
 * copies or sends it (the length shown is the string's own property), so a 400k-character paste
 * types as quickly as an empty box. The route preview reads the text once typing pauses.
 */
function UserField() {
  // Counted when typing pauses, so a keystroke changes nothing on the page but the textarea itself.
  const length = useSettledDraft().draft.user.length;
  return (
    <div className="pg-field">
      <div className="pg-field__row">
        <label htmlFor="pg-user" className="pg-field__label">
          User message
        </label>
        <span className="muted small">{chars.format(length)} characters</span>
      </div>
      <DraftTextarea
        field="user"
        id="pg-user"
        className="pg-textarea pg-textarea--prompt"
        rows={9}
        spellCheck={false}
        placeholder="Paste or type a prompt. Ctrl+Enter (⌘+Enter on a Mac) runs it."
        aria-describedby="pg-user-help"
      />
      <span id="pg-user-help" className="visually-hidden">
        Press Control+Enter or Command+Enter to run.
      </span>
    </div>
  );
}

/** Earlier turns, when a conversation is being carried on. */
function Conversation() {
  const turns = useCompose((s) => s.turns);
  const clear = useCompose((s) => s.clearConversation);
  if (turns.length === 0) return null;
  return (
    <section className="pg-thread" aria-label="Conversation so far">
      <div className="pg-field__row">
        <h3 className="pg-field__label">Conversation so far</h3>
        <button type="button" className="button button--small" onClick={clear}>
          New conversation
        </button>
      </div>
      <ol className="pg-thread__turns">
        {turns.map((t, i) => (
          <li key={i} className={`pg-thread__turn pg-thread__turn--${t.role}`}>
            <span className="pg-thread__role">{t.role === 'user' ? 'You' : (t.model ?? 'Assistant')}</span>
            <p className="pg-thread__text">{t.content}</p>
            {t.images && t.images.length > 0 && (
              <p className="muted small">
                {t.images.length === 1 ? 'With 1 image' : `With ${t.images.length} images`} (sent again with
                each turn)
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ComposePanel() {
  return (
    <div className="pg-compose">
      <Conversation />
      <SystemField />
      <UserField />
      <ImageAttach />
    </div>
  );
}
