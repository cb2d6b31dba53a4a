/**
 * A multinomial naive Bayes text model over presence features. Small enough to train when the
 * module loads (a few hundred examples, milliseconds) and deterministic: the same examples always
 * give the same model, so no trained artefact has to be committed or kept in sync.
 */
export type LabelledFeatures<L extends string> = { label: L; features: readonly string[] };

export type NaiveBayesModel<L extends string> = {
  labels: readonly L[];
  /** Per feature, log P(feature | label) in the order of `labels`. */
  logLikelihood: ReadonlyMap<string, readonly number[]>;
  vocabularySize: number;
};

export type NaiveBayesScores<L extends string> = {
  /** Posterior per label after temperature scaling; sums to 1. */
  probabilities: Record<L, number>;
  best: L;
  runnerUp: L;
  /** Known features that pushed `best` ahead of `runnerUp` the most. */
  cues: string[];
  knownFeatures: number;
};

export function trainNaiveBayes<L extends string>(
  labels: readonly L[],
  examples: readonly LabelledFeatures<L>[],
  smoothing = 0.5,
): NaiveBayesModel<L> {
  const counts = new Map<string, number[]>();
  const totals = labels.map(() => 0);
  for (const example of examples) {
    const index = labels.indexOf(example.label);
    if (index < 0) throw new Error(`Unknown label ${example.label}`);
    for (const feature of example.features) {
      const row = counts.get(feature) ?? labels.map(() => 0);
      row[index] = (row[index] ?? 0) + 1;
      counts.set(feature, row);
      totals[index] = (totals[index] ?? 0) + 1;
    }
  }
  const vocabularySize = counts.size;
  const logLikelihood = new Map<string, number[]>();
  for (const [feature, row] of counts) {
    logLikelihood.set(
      feature,
      row.map((count, index) => Math.log((count + smoothing) / ((totals[index] ?? 0) + smoothing * vocabularySize))),
    );
  }
  return { labels, logLikelihood, vocabularySize };
}

/**
 * Scores a document. Priors are uniform on purpose: the mix of the training examples says nothing
 * about how often each kind of reply arrives. Naive Bayes multiplies many dependent features and so
 * is far too sure of itself; dividing the log scores by `temperature` spreads the posterior so a
 * confidence of 0.8 means something against the agent's threshold.
 */
export function scoreNaiveBayes<L extends string>(
  model: NaiveBayesModel<L>,
  features: readonly string[],
  temperature: number,
): NaiveBayesScores<L> {
  const logScores = model.labels.map(() => 0);
  const known: { feature: string; row: readonly number[] }[] = [];
  for (const feature of features) {
    const row = model.logLikelihood.get(feature);
    if (!row) continue;
    known.push({ feature, row });
    for (let index = 0; index < logScores.length; index += 1) logScores[index] = (logScores[index] ?? 0) + (row[index] ?? 0);
  }
  const scaled = logScores.map((score) => score / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((score) => Math.exp(score - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  const probabilities = Object.fromEntries(model.labels.map((label, index) => [label, (exps[index] ?? 0) / sum])) as Record<L, number>;
  const order = model.labels.map((_, index) => index).sort((a, b) => (scaled[b] ?? 0) - (scaled[a] ?? 0) || a - b);
  const bestIndex = order[0] ?? 0;
  const runnerUpIndex = order[1] ?? bestIndex;
  const best = model.labels[bestIndex];
  const runnerUp = model.labels[runnerUpIndex];
  if (best === undefined || runnerUp === undefined) throw new Error('A naive Bayes model needs at least one label');
  const cues = known
    .map(({ feature, row }) => ({ feature, lift: (row[bestIndex] ?? 0) - (row[runnerUpIndex] ?? 0) }))
    .filter(({ lift }) => lift > 0)
    .sort((a, b) => b.lift - a.lift || a.feature.localeCompare(b.feature))
    .slice(0, 3)
    .map(({ feature }) => feature);
  return {
    probabilities,
    best,
    runnerUp,
    cues,
    knownFeatures: known.length,
  };
}
