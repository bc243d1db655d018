// Whether the living network can answer at all: not when dead, nor when a hidden layer has no living neuron
// (its output would be the same for every image).
export function silence(stage: string, neurons: readonly (Uint8Array | null)[]): string {
  const why = stage === 'dead' ? 'This Perceptron is dead' : neurons.some((n) => n?.length && !n.includes(1)) && `A whole layer is silent (${stage})`;
  return why ? why + ': it cannot answer.' : '';
}
