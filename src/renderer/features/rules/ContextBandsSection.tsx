import type { CatalogModel } from '../../../shared/contract/catalog';
import type { RoutingDecision } from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { Card } from '../../ui/Card';
import { tokenScale, formatTokens } from './axisScale';
import { BoundaryAxis } from './BoundaryAxis';
import { BANDS, bandOf } from './draftEdits';
import { ModelList } from './ModelList';
import { NumberField } from './NumberField';

interface Props {
  draft: RoutingRules;
  edit(change: (d: RoutingRules) => void): void;
  catalog: readonly CatalogModel[];
  decision: RoutingDecision | null;
}

const SEGMENTS = ['fast', 'balanced', 'long'];

/** Context-size bands on a logarithmic token axis, their model lists, and the vision rule. */
export function ContextBandsSection({ draft, edit, catalog, decision }: Props) {
  const b = draft.context_bands;
  const tokens = decision ? (decision.tokens.reference ?? decision.tokens.input) : null;
  const vision = decision?.vision ?? false;
  const landed = tokens === null ? null : bandOf(draft, tokens, vision);
  return (
    <Card
      title="Context-size bands"
      wide
      aside={landed && <span className="badge badge--info">lands in {landed}</span>}
    >
      <p className="muted small">
        Input tokens decide the band: below the first boundary fast, from the second long, balanced between.
        Requests with images go to the vision list. Drag a boundary, or focus it and use the arrow keys.
      </p>
      <BoundaryAxis
        label="Context size in input tokens"
        scale={tokenScale}
        min={0}
        max={2_000_000}
        boundaries={[
          { label: 'Fast | balanced boundary', value: b.fast_below },
          { label: 'Balanced | long boundary', value: b.long_from },
        ]}
        segments={SEGMENTS}
        activeSegment={landed && landed !== 'vision' ? SEGMENTS.indexOf(landed) : null}
        marker={tokens === null ? null : { value: tokens, label: `test prompt: ~${formatTokens(tokens)}` }}
        onMove={(i, v) =>
          edit((d) => {
            if (i === 0) d.context_bands.fast_below = v;
            else d.context_bands.long_from = v;
          })
        }
      />
      <div className="rules-row">
        <NumberField
          label="Fast band below (tokens)"
          value={b.fast_below}
          step={1}
          onChange={(v) => edit((d) => void (d.context_bands.fast_below = v ?? Number.NaN))}
        />
        <NumberField
          label="Long band from (tokens)"
          value={b.long_from}
          step={1}
          onChange={(v) => edit((d) => void (d.context_bands.long_from = v ?? Number.NaN))}
        />
      </div>
      <div className="rules-lists">
        {BANDS.map((band) => (
          <section key={band} className={landed === band ? 'rules-list rules-list--active' : 'rules-list'}>
            <h3 className="rules-list__title">{band === 'vision' ? 'Vision (images)' : `${band} band`}</h3>
            <ModelList
              label={`${band} band models`}
              models={b[band]}
              catalog={catalog}
              picked={landed === band ? decision?.modelKey : null}
              onChange={(models) => edit((d) => void (d.context_bands[band] = models))}
            />
          </section>
        ))}
      </div>
    </Card>
  );
}
