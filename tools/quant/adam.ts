// Adam (Kingma & Ba) over a list of parameter arrays and their gradient arrays, updated in place: the fine-tuning
// through the rounding (tools/train/qat.ts) steps a float shadow of the kernels, outside the trainer's minibatch heap.
export class Adam {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;

  constructor(private readonly params: Float32Array[], public lr = 1e-3, private readonly beta1 = 0.9, private readonly beta2 = 0.999, private readonly eps = 1e-8) {
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }

  /** One step; grads[i] matches params[i] and is multiplied by gradScale (e.g. 1/batch size) first. */
  step(grads: Float32Array[], gradScale = 1): void {
    this.t++;
    const { beta1: b1, beta2: b2, eps } = this;
    const stepSize = (this.lr * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    this.params.forEach((p, k) => {
      const g = grads[k], m = this.m[k], v = this.v[k];
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] * gradScale;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) + eps);
      }
    });
  }
}
