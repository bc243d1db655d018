// Birth years: the whitepaper's table (section 11), rarity in tenths of a percent (sums to exactly 1000 = 100%),
// and the one line of AI history the artwork shows: the paper's event of that year, told in one caption line (every
// byte is inscribed; the paper's full sentences are 2.2 KB).
export const BIRTH_YEARS: readonly (readonly [number, number, string])[] = [
  [1943, 10, 'McCulloch and Pitts modelled the first artificial neuron.'],
  [1951, 15, 'Minsky and Edmonds built SNARC, the first learning neural network.'],
  [1957, 20, 'Frank Rosenblatt invented the perceptron.'],
  [1969, 25, 'Minsky and Papert\'s "Perceptrons" stalled AI research for a decade.'],
  [1970, 30, 'Seppo Linnainmaa published automatic differentiation.'],
  [1980, 35, 'Kunihiko Fukushima invented the Neocognitron, the first CNN.'],
  [1982, 40, 'John Hopfield\'s network revived neural network research.'],
  [1986, 45, 'Rumelhart, Hinton and Williams coined "backpropagation".'],
  [1988, 50, 'Kurt Hornik proved the universal approximation theorem.'],
  [1997, 55, 'Hochreiter and Schmidhuber proposed LSTM networks.'],
  [1998, 60, 'Yann LeCun\'s LeNet-1 read images; MNIST was released.'],
  [2002, 65, 'Torch, a machine learning library, was released.'],
  [2009, 70, 'The ImageNet dataset and challenge began.'],
  [2012, 75, 'AlexNet won ImageNet: the deep learning era began.'],
  [2014, 80, 'Ian Goodfellow introduced GANs.'],
  [2015, 85, 'Google Brain released TensorFlow.'],
  [2016, 90, 'Google\'s AlphaGo beat Lee Sedol.'],
  [2023, 150, 'Generative Brains were released on the Bitcoin network.'],
];
