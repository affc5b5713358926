import { create } from 'zustand';
import type { StrategyName, UseCase } from '../../../shared/contract/routing';

/** An image attached for a vision model: kept as a data URL so it can be shown and sent. */
export interface AttachedImage {
  id: string;
  name: string;
  dataUrl: string;
  width: number;
  height: number;
  sizeBytes: number;
}

/** An earlier turn of the conversation ("Continue with this one" carries a chat on). */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  /** The model that wrote an assistant turn. */
  model?: string;
  /** Images a user turn carried; they are sent again with every later turn, as chat APIs expect. */
  images?: AttachedImage[];
}

/** The constraint fields as typed; they become numbers only when valid (see buildRequest). */
export interface ConstraintFields {
  maxCostUsd: string;
  maxLatencySeconds: string;
  minQuality: string;
}

export interface ComposeDraft {
  system: string;
  user: string;
  turns: Turn[];
  images: AttachedImage[];
  /** '' lets the router detect the use case. */
  useCase: UseCase | '';
  strategy: Exclude<StrategyName, 'pinned'>;
  constraints: ConstraintFields;
  /** `<provider>/<model>`; '' = let the router choose. Setting it means the pinned strategy. */
  pinnedModel: string;
  /** Answer with the simulated providers: no keys, no spend, nothing real. */
  simulate: boolean;
}

interface ComposeState extends ComposeDraft {
  /** Bumped on every change, so the route preview can key its query without hashing the prompt. */
  revision: number;
  edit(patch: Partial<ComposeDraft>): void;
  setConstraint(field: keyof ConstraintFields, value: string): void;
  addImage(image: AttachedImage): void;
  removeImage(id: string): void;
  /** Start over: a new, empty conversation with the same options. */
  clearConversation(): void;
  /** Replace the prompt and options (reopening a history entry). */
  load(draft: Partial<ComposeDraft>): void;
}

export const EMPTY_DRAFT: ComposeDraft = {
  system: '',
  user: '',
  turns: [],
  images: [],
  useCase: '',
  strategy: 'auto',
  constraints: { maxCostUsd: '', maxLatencySeconds: '', minQuality: '' },
  pinnedModel: '',
  simulate: false,
};

/** The prompt being composed is UI state (not server state), so it lives here and survives screen changes. */
export const useCompose = create<ComposeState>((set) => ({
  ...EMPTY_DRAFT,
  revision: 0,
  edit: (patch) => set((s) => ({ ...patch, revision: s.revision + 1 })),
  setConstraint: (field, value) =>
    set((s) => ({ constraints: { ...s.constraints, [field]: value }, revision: s.revision + 1 })),
  addImage: (image) => set((s) => ({ images: [...s.images, image], revision: s.revision + 1 })),
  removeImage: (id) =>
    set((s) => ({ images: s.images.filter((i) => i.id !== id), revision: s.revision + 1 })),
  clearConversation: () => set((s) => ({ turns: [], user: '', images: [], revision: s.revision + 1 })),
  load: (draft) => set((s) => ({ ...EMPTY_DRAFT, simulate: s.simulate, ...draft, revision: s.revision + 1 })),
}));

/** The draft alone, without the actions: what a request is built from. */
export function draftOf(state: ComposeState): ComposeDraft {
  const { system, user, turns, images, useCase, strategy, constraints, pinnedModel, simulate } = state;
  return { system, user, turns, images, useCase, strategy, constraints, pinnedModel, simulate };
}
