// Whether the living network can answer at all: not when dead, nor when a hidden layer has no living neuron
// (its output would be the same for every image).
export function silence(stage: string, neurons: readonly (Uint8Array | null)[]): string {
  if (stage === 'dead') return 'This Perceptron is dead: it cannot answer until it is reborn.';
  if (neurons.some((n) => n !== null && n.length > 0 && !n.includes(1)))
    return `This Perceptron is ${stage === 'rebirth' ? 'being reborn' : stage}: a whole layer is silent, so it cannot answer yet.`;
  return '';
}
