// What the trainer minimises, one sample at a time: a SampleLoss reads the output layer's outputs of sample s, writes
// dLoss/dOutput into grad and returns the loss. Two of them: softmax cross-entropy to the labels (training), and half the
// squared distance to a teacher's outputs (distillation: an int4 copy of a brain learning to answer as the float brain).
import { softmax } from '../../src/nn/activations';

export type SampleLoss = (outputs: Float32Array, grad: Float32Array, sample: number) => number;

/** Softmax cross-entropy of logits against a class index; writes dLoss/dLogits (softmax - one-hot) into grad. */
export function softmaxCrossEntropy(logits: Float32Array, label: number, grad: Float32Array): number {
  softmax(logits, grad);
  const loss = -Math.log(Math.max(grad[label], 1e-30));
  grad[label] -= 1;
  return loss;
}

/** Cross-entropy to labels[s], each sample's loss and gradient weighted by classWeights[label] (default 1 each). */
export function crossEntropy(labels: ArrayLike<number>, classWeights?: ArrayLike<number>): SampleLoss {
  return (outputs, grad, s) => {
    const label = labels[s], weight = classWeights ? classWeights[label] : 1, loss = softmaxCrossEntropy(outputs, label, grad);
    if (weight !== 1) for (let c = 0; c < grad.length; c++) grad[c] *= weight;
    return weight * loss;
  };
}

/** Half the squared distance to targets' row s (one row of outputs.length values a sample): dLoss/dOutput = y - target. */
export function distillation(targets: Float32Array): SampleLoss {
  return (outputs, grad, s) => {
    const C = outputs.length, at = s * C;
    let loss = 0;
    for (let c = 0; c < C; c++) loss += (grad[c] = outputs[c] - targets[at + c]) ** 2 / 2;
    return loss;
  };
}
