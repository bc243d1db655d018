// Birth years: the whitepaper's table (section 11), each year's rarity in % (exactly the paper's; they sum to 100), and
// the one line of AI history the artwork shows: the paper's event of that year, told in one caption line (the paper's
// full sentences are 2.2 KB).
export interface BirthYear {
  value: number; // the year
  weight: number; // rarity in %
  history: string;
}

export const BIRTH_YEARS: readonly BirthYear[] = [
  { value: 1943, weight: 1, history: 'McCulloch and Pitts modelled the first artificial neuron.' },
  { value: 1951, weight: 1.5, history: 'Minsky and Edmonds built SNARC, the first learning neural network.' },
  { value: 1957, weight: 2, history: 'Frank Rosenblatt invented the perceptron.' },
  { value: 1969, weight: 2.5, history: 'Minsky and Papert\'s "Perceptrons" stalled AI research for a decade.' },
  { value: 1970, weight: 3, history: 'Seppo Linnainmaa published automatic differentiation.' },
  { value: 1980, weight: 3.5, history: 'Kunihiko Fukushima invented the Neocognitron, the first CNN.' },
  { value: 1982, weight: 4, history: 'John Hopfield\'s network revived neural network research.' },
  { value: 1986, weight: 4.5, history: 'Rumelhart, Hinton and Williams coined "backpropagation".' },
  { value: 1988, weight: 5, history: 'Kurt Hornik proved the universal approximation theorem.' },
  { value: 1997, weight: 5.5, history: 'Hochreiter and Schmidhuber proposed LSTM networks.' },
  { value: 1998, weight: 6, history: 'Yann LeCun\'s LeNet-1 read images; MNIST was released.' },
  { value: 2002, weight: 6.5, history: 'Torch, a machine learning library, was released.' },
  { value: 2009, weight: 7, history: 'The ImageNet dataset and challenge began.' },
  { value: 2012, weight: 7.5, history: 'AlexNet won ImageNet: the deep learning era began.' },
  { value: 2014, weight: 8, history: 'Ian Goodfellow introduced GANs.' },
  { value: 2015, weight: 8.5, history: 'Google Brain released TensorFlow.' },
  { value: 2016, weight: 9, history: 'Google\'s AlphaGo beat Lee Sedol.' },
  { value: 2023, weight: 15, history: 'Generative Brains were released on the Bitcoin network.' },
];
