/**
 * Platt scaling: probability = sigmoid(a * raw + b), fitted by Newton's method
 * with a backtracking line search, Platt's smoothed targets and a ridge pull
 * of (a, b) towards (1, 0) proportional to the data weight. The seed
 * calibration examples are often separable; without these the fit runs off to
 * a slope of thousands and the score becomes a step.
 *
 * Labels rare in the calibration split (the seed-only ones) have their
 * positives re-weighted to `minPositiveShare` of the total weight: the
 * calibrated score is then a probability under that prior rather than under
 * the arbitrary mix of the calibration split. Common labels keep their
 * natural prior.
 */
export interface Platt {
  a: number;
  b: number;
}

const RIDGE_PER_WEIGHT = 1e-3;

function logLoss(raw: readonly number[], y: Float64Array, w: Float64Array, a: number, b: number, ridge: number): number {
  let loss = 0.5 * ridge * ((a - 1) ** 2 + b * b);
  for (let i = 0; i < raw.length; i++) {
    const z = a * (raw[i] as number) + b;
    // log(1 + e^z) - y z, computed without overflow.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += (w[i] as number) * (softplus - (y[i] as number) * z);
  }
  return loss;
}

export function fitPlatt(raw: readonly number[], targets: readonly number[], minPositiveShare = 0.2): Platt {
  const positives = targets.filter((t) => t === 1).length;
  const negatives = targets.length - positives;
  if (positives === 0 || negatives === 0) return { a: 1, b: 0 };
  const share = positives / targets.length;
  const wPos = share >= minPositiveShare ? 1 : (minPositiveShare * negatives) / ((1 - minPositiveShare) * positives);
  return fitWeightedPlatt(
    raw,
    targets,
    targets.map((t) => (t === 1 ? wPos : 1)),
  );
}

/**
 * Platt scaling with a weight per example (travel-calibration.ts weights
 * each held-out domain equally, so SMS's 5,574 rows do not outvote a video's
 * 350). Same smoothed targets and ridge as fitPlatt. With `fitIntercept`
 * false, b stays 0 (temperature scaling of the logit).
 */
export function fitWeightedPlatt(raw: readonly number[], targets: readonly number[], weights: readonly number[], fitIntercept = true): Platt {
  const positives = targets.filter((t) => t === 1).length;
  const negatives = targets.length - positives;
  if (positives === 0 || negatives === 0) return { a: 1, b: 0 };
  const y = Float64Array.from(targets, (t) => (t === 1 ? (positives + 1) / (positives + 2) : 1 / (negatives + 2)));
  const w = Float64Array.from(weights);
  const ridge = RIDGE_PER_WEIGHT * w.reduce((s, x) => s + x, 0);

  let a = 1;
  let b = 0;
  let loss = logLoss(raw, y, w, a, b, ridge);
  for (let iter = 0; iter < 100; iter++) {
    let ga = ridge * (a - 1);
    let gb = ridge * b;
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    for (let i = 0; i < raw.length; i++) {
      const x = raw[i] as number;
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const d = (p - (y[i] as number)) * (w[i] as number);
      const h = p * (1 - p) * (w[i] as number);
      ga += d * x;
      gb += d;
      haa += h * x * x;
      hab += h * x;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    // Without an intercept only the slope moves: scores shrink towards 0.5 or stretch away from it, and no decision at 0.5 changes.
    const da = fitIntercept ? (hbb * ga - hab * gb) / det : ga / haa;
    const db = fitIntercept ? (haa * gb - hab * ga) / det : 0;
    let step = 1;
    let next = logLoss(raw, y, w, a - da, b - db, ridge);
    while (next > loss && step > 1e-6) {
      step /= 2;
      next = logLoss(raw, y, w, a - step * da, b - step * db, ridge);
    }
    if (next > loss) break;
    a -= step * da;
    b -= step * db;
    const improvement = loss - next;
    loss = next;
    if (improvement < 1e-9 * Math.max(1, loss)) break;
  }
  return { a, b };
}
