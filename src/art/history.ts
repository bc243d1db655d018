// Birth years: the whitepaper's table (section 11), rarity in tenths of a percent (sums to exactly 1000 = 100%),
// and the one line of AI history the artwork shows. Text as in the paper, with two typos fixed
// ("Al" -> "AI", "Jon Hopfield" -> "John Hopfield").
export const BIRTH_YEARS: readonly (readonly [number, number, string])[] = [
  [1943, 10, 'First artificial neuron model was proposed by Warren McCulloch and Walter Pitts as an attempt to model biological neurons mathematically.'],
  [1951, 15, 'SNARC, the first neural network machine that can learn, was built by Marvin Minsky and Dean Edmonds.'],
  [1957, 20, 'Single layer perceptron was invented by Frank Rosenblatt.'],
  [1969, 25, 'Limitation of the perceptron model is outlined in the book "Perceptrons" by Marvin Minsky and Seymour Papert, which led to a decline in AI research for the next 10 years.'],
  [1970, 30, 'Automatic differentiation method was published by Seppo Linnainmaa.'],
  [1980, 35, 'Neocognitron, the first Convolution Neural Network model, was invented by Kunihiko Fukushima.'],
  [1982, 40, 'Hopfield Network, proposed by John Hopfield, sparked the interest in NN research again and later inspired recurrent neural network research.'],
  [1986, 45, 'The term "Backpropagation" was coined by David Rumelhart, Geoff Hinton, and Ronald J. Williams in their application of Seppo Linnainmaa\'s work.'],
  [1988, 50, 'Universal approximation theorem (stating that a feedforward network with at least one hidden layer can approximate any function) was proved true by Kurt Hornik.'],
  [1997, 55, 'Long short-term memory (LSTM) recurrent neural networks were proposed by Sepp Hochreiter and Jürgen Schmidhuber.'],
  [1998, 60, 'The first image recognition system (LeNet-1) was proposed by Yann Lecun, which is a CNN trained using backpropagation. Release of MNIST (hand-written digit) dataset.'],
  [2002, 65, 'Torch, a software library for machine learning, was released.'],
  [2009, 70, 'Release of ImageNet dataset (a large dataset of real-world images). Since then, the ImageNet Large Scale Visual Recognition Challenge has been hosted annually.'],
  [2012, 75, 'AlexNet was released and won the 2012 ImageNet Large Scale Visual Recognition Challenge, marking the start of the deep learning era. Google Brain released The Cat Experiment.'],
  [2014, 80, 'Generative Adversarial Networks (GAN) were introduced by Ian Goodfellow.'],
  [2015, 85, 'TensorFlow was released by the Google Brain team.'],
  [2016, 90, "Google's AlphaGo program became the first computer program to beat Lee Sedol."],
  [2023, 150, 'Generative Brains were released on the Bitcoin network.'],
];
