// Pearson's chi-square goodness of fit and the incomplete gamma function its p-value needs: plain maths, no dependencies.

// ln Γ (Lanczos, g = 7) and the regularized upper incomplete gamma Q(a, x) (series / continued fraction).
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  z -= 1;
  let x = LANCZOS[0];
  for (let i = 1; i < 9; i++) x += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a, term = sum;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += (term *= x / (a + n));
    return 1 - sum * Math.exp(lead);
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c; if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lead) * h;
}

/** Pearson's chi-square goodness of fit of observed counts against target probabilities. Values absent from the
 * target make p = 0 (a value the spec does not allow). */
export function chiSquare(observed: Record<string, number>, target: Record<string, number>): { chi2: number; df: number; p: number } {
  const n = Object.values(observed).reduce((a, b) => a + b, 0);
  if (Object.keys(observed).some((v) => !(v in target))) return { chi2: Infinity, df: 0, p: 0 };
  let chi2 = 0;
  const keys = Object.keys(target);
  for (const v of keys) {
    const e = n * target[v], o = observed[v] ?? 0;
    chi2 += ((o - e) * (o - e)) / e;
  }
  const df = keys.length - 1;
  return { chi2, df, p: gammaQ(df / 2, chi2 / 2) };
}
