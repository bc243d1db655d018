// How large a brain's values can get: for each Dense layer, the largest magnitude its sums (before the activation) can
// reach for any image of 0..255 pixels, from the Rescaling and the weights alone. The decoder refuses a brain whose
// sums could come near float32's limit, so every brain it accepts gives finite outputs for every image.
import type { Model } from './model';
import { ACTIVATION_RULES } from './activations';

export function layerReach(model: Model): number[] {
  const { scale, offset } = model;
  // the largest |input| after Rescaling: at one end of 0..255
  let input = Math.max(Math.abs(offset), Math.abs(255 * scale + offset));
  return model.layers.map(({ inputs, units, kernel, bias, activation }) => {
    // |sum for unit u| ≤ input × Σ_i |kernel[i][u]| + |bias[u]|
    const column = new Float64Array(units);
    for (let i = 0, row = 0; i < inputs; i++, row += units) for (let u = 0; u < units; u++) column[u] += Math.abs(kernel[row + u]);
    let reach = 0;
    for (let u = 0; u < units; u++) reach = Math.max(reach, input * column[u] + Math.abs(bias ? bias[u] : 0));
    input = ACTIVATION_RULES[activation].bound(reach);
    return reach;
  });
}
