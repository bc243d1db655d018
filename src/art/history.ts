// Birth years: the whitepaper's table (section 11), rarity in tenths of a percent (sums to exactly 1000 = 100%),
// and the one line of AI history the artwork shows: the paper's events, each shortened to one caption line or two
// (every byte is inscribed), with its "Al" and "Jon Hopfield" typos fixed.
export const BIRTH_YEARS: readonly (readonly [number, number, string])[] = [
  [1943, 10, 'Warren McCulloch and Walter Pitts proposed the first artificial neuron model.'],
  [1951, 15, 'Marvin Minsky and Dean Edmonds built SNARC, the first neural network machine that can learn.'],
  [1957, 20, 'Frank Rosenblatt invented the single layer perceptron.'],
  [1969, 25, 'Minsky and Papert\'s book "Perceptrons" outlined the perceptron\'s limits: AI research declined for 10 years.'],
  [1970, 30, 'Seppo Linnainmaa published automatic differentiation.'],
  [1980, 35, 'Kunihiko Fukushima invented the Neocognitron, the first convolutional neural network.'],
  [1982, 40, 'John Hopfield\'s network revived neural network research and inspired recurrent networks.'],
  [1986, 45, 'David Rumelhart, Geoff Hinton and Ronald J. Williams coined "backpropagation".'],
  [1988, 50, 'Kurt Hornik proved the universal approximation theorem for feedforward networks.'],
  [1997, 55, 'Sepp Hochreiter and Jürgen Schmidhuber proposed long short-term memory (LSTM).'],
  [1998, 60, 'Yann LeCun\'s LeNet-1, a CNN trained by backpropagation, recognised images. MNIST was released.'],
  [2002, 65, 'Torch, a software library for machine learning, was released.'],
  [2009, 70, 'The ImageNet dataset of real-world images and its yearly challenge began.'],
  [2012, 75, 'AlexNet won the ImageNet challenge: the deep learning era began. Google Brain\'s cat experiment.'],
  [2014, 80, 'Ian Goodfellow introduced Generative Adversarial Networks (GAN).'],
  [2015, 85, 'The Google Brain team released TensorFlow.'],
  [2016, 90, 'Google\'s AlphaGo became the first computer program to beat Lee Sedol.'],
  [2023, 150, 'Generative Brains were released on the Bitcoin network.'],
];
