// The line of AI history the artwork shows under a Perceptron's birth year (traits.ts draws the year, with the
// paper's rarities): the paper's event of that year (section 11), told in one caption line (the paper's full sentences
// are 2.2 KB). The art's words, looked up where it shows them (the caption, the info panel): the genome, and so the
// library, carries the year alone.
export const HISTORY: Readonly<Record<number, string>> = {
  1943: 'McCulloch and Pitts modelled the first artificial neuron.',
  1951: 'Minsky and Edmonds built SNARC, the first learning neural network.',
  1957: 'Frank Rosenblatt invented the perceptron.',
  1969: 'Minsky and Papert\'s "Perceptrons" stalled AI research for a decade.',
  1970: 'Seppo Linnainmaa published automatic differentiation.',
  1980: 'Kunihiko Fukushima invented the Neocognitron, the first CNN.',
  1982: 'John Hopfield\'s network revived neural network research.',
  1986: 'Rumelhart, Hinton and Williams coined "backpropagation".',
  1988: 'Kurt Hornik proved the universal approximation theorem.',
  1997: 'Hochreiter and Schmidhuber proposed LSTM networks.',
  1998: 'Yann LeCun\'s LeNet-1 read images; MNIST was released.',
  2002: 'Torch, a machine learning library, was released.',
  2009: 'The ImageNet dataset and challenge began.',
  2012: 'AlexNet won ImageNet: the deep learning era began.',
  2014: 'Ian Goodfellow introduced GANs.',
  2015: 'Google Brain released TensorFlow.',
  2016: 'Google\'s AlphaGo beat Lee Sedol.',
  2023: 'Generative Brains were released on the Bitcoin network.',
};
