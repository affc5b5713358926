import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo } from 'react';
import type { CatalogModel } from '../../../shared/contract/catalog';

interface ModelListProps {
  /** Names the list, e.g. "fast band models". */
  label: string;
  models: string[];
  catalog: readonly CatalogModel[];
  onChange(models: string[]): void;
  /** The model the preview picked, marked in the list. */
  picked?: string | null;
}

function ModelRow({
  id,
  name,
  known,
  picked,
  label,
  onRemove,
}: {
  id: string;
  name: string;
  known: boolean;
  picked: boolean;
  label: string;
  onRemove(): void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <li
      ref={setNodeRef}
      className={isDragging ? 'rules-models__item rules-models__item--dragging' : 'rules-models__item'}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      <button
        type="button"
        className="rules-models__grip"
        aria-label={`Reorder ${id} in ${label}`}
        {...attributes}
        {...listeners}
      >
        ⋮⋮
      </button>
      <span className="rules-models__name" title={id}>
        {name}
        <span className="mono small muted"> {id}</span>
      </span>
      {!known && <span className="badge badge--error">not in catalog</span>}
      {picked && <span className="badge badge--ok">previewed</span>}
      <button
        type="button"
        className="rules-models__remove"
        aria-label={`Remove ${id} from ${label}`}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

/**
 * An ordered model list, best first: drag a row by its grip (or focus the grip, Space, arrows,
 * Space) to reorder; remove a row; add any catalog model from the picker.
 */
function ModelListView({ label, models, catalog, onChange, picked }: ModelListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const byKey = new Map(catalog.map((m) => [m.key, m]));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onChange(arrayMove(models, models.indexOf(String(active.id)), models.indexOf(String(over.id))));
  };
  const addable = catalog.filter((m) => !models.includes(m.key));
  return (
    <div className="rules-models">
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={models} strategy={verticalListSortingStrategy}>
          <ol className="rules-models__list" aria-label={label}>
            {models.map((key) => (
              <ModelRow
                key={key}
                id={key}
                name={byKey.get(key)?.displayName ?? key}
                known={byKey.has(key)}
                picked={picked === key}
                label={label}
                onRemove={() => onChange(models.filter((m) => m !== key))}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {models.length === 0 && (
        <p className="rules-models__empty small">No models: this list must have at least one.</p>
      )}
      <select
        className="rules-models__add"
        aria-label={`Add a model to ${label}`}
        value=""
        onChange={(e) => e.target.value && onChange([...models, e.target.value])}
      >
        <option value="">+ Add a model…</option>
        {addable.map((m) => (
          <option key={m.key} value={m.key}>
            {m.displayName} ({m.key})
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Every edit copies the draft, so lists re-render only when their own content changes (a screen
 * holds about thirty of them, each with the whole catalog in its picker). `onChange` is left out of
 * the comparison: callers pass functional edits that read the draft when applied.
 */
export const ModelList = memo(
  ModelListView,
  (a, b) =>
    a.label === b.label &&
    a.catalog === b.catalog &&
    a.picked === b.picked &&
    a.models.length === b.models.length &&
    a.models.every((m, i) => m === b.models[i]),
);
