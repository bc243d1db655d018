// What the page says about measurements: the U panel's two lines (the running brain and a fetched one, each "measured
// here: … — its own claim: …"), the info panel's row, and window.perceptron.measure. The numbers come from measure.ts.
import { fetchBrain } from '../chain/index';
import type { Model } from '../nn/model';
import { explain, pastedId } from './brain';
import { h } from './dom';
import { heldOutAccuracy } from './info';
import { measure, type Outcome } from './measure';
import { isolated } from './views';

/** "97.7% of 300 held-out images (test set 87ef3032…)", or why there is no figure. */
export function measuredText(o: Outcome): string {
  return o.ok ? `${(o.result.accuracy * 100).toFixed(1)}% of ${o.result.total} held-out images (test set ${o.testSet.slice(0, 8)}…)` : o.message;
}

/** One brain's line: the figure measured here beside the one its maker wrote in it. */
export const measuredLine = (o: Outcome, m: Pick<Model, 'trainingTraits'>): string =>
  `measured here: ${measuredText(o)} — its own claim: ${heldOutAccuracy(m.trainingTraits) || 'none'}`;

/** What window.perceptron.measure(brainId) resolves to. */
export interface MeasureAnswer {
  accuracy: number;
  correct: number;
  total: number;
  testSet: string;
  /** per image, the test set's index of the brain's top class */
  predicted: number[];
}

export interface Running {
  id: string;
  model: Model | null;
}

export function createMeasuring(running: () => Running, testSet: () => string, onMeasured: () => void) {
  const settled = new Map<string, Outcome>();
  const of = async (id: string, model: Model, on = testSet()): Promise<Outcome> => {
    const outcome = await measure(id, model, on);
    settled.set(id + ' ' + on, outcome);
    return outcome;
  };
  const lines = [h('p', { class: 'measured' }), h('p', { class: 'measured' })];
  const show = (line: HTMLElement, who: string, name: string, text: string) =>
    line.replaceChildren(who, ...([name.slice(0, 40), text].map(isolated).filter(Boolean) as Node[]));

  return {
    /** The info panel's row: the running brain's figure ('measuring…' until the worker answers, then onMeasured). */
    infoText(): string {
      const { id, model } = running();
      if (!model) return '';
      const known = settled.get(id + ' ' + testSet());
      if (known) return measuredText(known);
      void of(id, model).then(onMeasured);
      return 'measuring…';
    },
    /** The U panel's lines; showRunning() fills the first. */
    nodes: lines,
    showRunning(): void {
      const { id, model } = running();
      if (!model) return void lines[0].replaceChildren();
      show(lines[0], 'running: ', model.name, ' — measuring…');
      void of(id, model).then((o) => {
        if (running().id === id) show(lines[0], 'running: ', model.name, ' — ' + measuredLine(o, model));
      });
    },
    /** The U panel's measure button: fetches the brain in the field and measures it, without plugging it in. */
    async fetched(raw: string): Promise<void> {
      const id = pastedId(raw);
      lines[1].replaceChildren('Fetching…');
      const r = await fetchBrain(id);
      if (!r.ok) return void lines[1].replaceChildren(explain(r.error));
      show(lines[1], 'fetched: ', r.model.name, ' — measuring…');
      const o = await of(id, r.model);
      show(lines[1], 'fetched: ', r.model.name, ' — ' + measuredLine(o, r.model));
    },
    /** window.perceptron.measure: a brain by ID (default: the running one) on the page's test set (or another, by ID);
     * rejects with the reason when there is no figure. */
    async answer(brainId?: string, on?: string): Promise<MeasureAnswer> {
      let { id, model } = running();
      if (brainId !== undefined && pastedId(brainId) !== id) {
        const r = await fetchBrain((id = pastedId(brainId)));
        if (!r.ok) throw new Error(explain(r.error));
        model = r.model;
      }
      if (!model) throw new Error('No brain to measure.');
      const o = await of(id, model, on ?? testSet());
      if (!o.ok) throw new Error(o.message);
      const { accuracy, correct, total, predicted } = o.result;
      return { accuracy, correct, total, testSet: o.testSet, predicted: [...predicted] };
    },
  };
}
