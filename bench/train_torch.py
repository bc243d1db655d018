# The PyTorch peer of bench/train_ours.ts for bench/train.bench.ts: the same recipe on the same dataset files, in one
# thread. Reads the cached dataset (tools/dataset/store.ts: manifest.json + dataset.bin), scales it once to float32
# [-1, 1], trains a Dense network exactly as tools/train/loop.ts does (Glorot-uniform kernels, zero biases, linear
# output, leaky_relu with slope 0.2, softmax cross-entropy, Adam with the learning rate decaying linearly to a tenth,
# shuffled minibatches, nested neuron dropout: each sample keeps all neurons with probability 1/2, else the first
# k/20 of each hidden layer's fixed neuron order, k uniform in 1..20), evaluates the held-out split after every
# epoch, prints one JSON line (CPU seconds of the whole run and of each epoch's training alone).
# usage: python3 bench/train_torch.py DATASET_DIR HIDDEN ACTIVATION EPOCHS BATCH LR SEED
import json, math, os, sys, time

import numpy as np
import torch

torch.set_num_threads(1)
directory, hidden, activation, epochs, batch, lr, seed = sys.argv[1:8]
hidden = [int(w) for w in hidden.split(',')]
epochs, batch, lr, seed = int(epochs), int(batch), float(lr), int(seed)
torch.manual_seed(seed)
gen = np.random.default_rng(seed)

manifest = json.load(open(os.path.join(directory, 'manifest.json')))
raw = np.fromfile(os.path.join(directory, 'dataset.bin'), dtype=np.uint8)
pixels = int(np.prod(manifest['inputShape']))


def split(name):
    s = manifest['splits'][name]
    images = raw[s['imagesOffset']:s['imagesOffset'] + s['count'] * pixels].reshape(s['count'], pixels)
    x = torch.from_numpy(images.astype(np.float32) / 127.5 - 1)
    y = torch.from_numpy(raw[s['labelsOffset']:s['labelsOffset'] + s['count']].astype(np.int64))
    return x, y


start = time.process_time()
x_train, y_train = split('train')
x_test, y_test = split('test')
classes = len(manifest['classes'])
widths = [pixels] + hidden + [classes]
layers = [torch.nn.Linear(widths[i], widths[i + 1]) for i in range(len(widths) - 1)]
for layer in layers:
    torch.nn.init.xavier_uniform_(layer.weight)
    torch.nn.init.zeros_(layer.bias)
act = {'leaky_relu': lambda v: torch.nn.functional.leaky_relu(v, 0.2), 'relu': torch.relu, 'tanh': torch.tanh,
       'sigmoid': torch.sigmoid, 'linear': lambda v: v}[activation]
params = [p for layer in layers for p in layer.parameters()]
levels = 20
# masks[l][k]: hidden layer l with the first ceil((k + 1) / 20 * units) neurons of a seeded order alive
masks = []
for units in hidden:
    order = gen.permutation(units)
    m = torch.zeros(levels + 1, units)
    for k in range(levels):
        m[k, order[:max(1, math.ceil((k + 1) / levels * units - 1e-9))]] = 1
    m[levels] = 1  # all alive
    masks.append(m)


def run(x, drop=None):
    for i, layer in enumerate(layers):
        x = layer(x)
        if i < len(layers) - 1:
            x = act(x)
            if drop is not None:
                x = x * masks[i][drop]
    return x


steps_per_epoch = math.ceil(len(y_train) / batch)
total = epochs * steps_per_epoch
opt = torch.optim.Adam(params, lr=lr)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1 - 0.9 * min(step, total - 1) / max(1, total - 1))
loss_fn = torch.nn.CrossEntropyLoss()
accuracies, epoch_cpu = [], []
mark = start
for epoch in range(epochs):
    perm = torch.from_numpy(gen.permutation(len(y_train)))
    full = torch.from_numpy(gen.random(len(y_train)) < 0.5)
    level = torch.from_numpy(gen.integers(0, levels, len(y_train)))
    drop = torch.where(full, torch.full_like(level, levels), level)
    for b in range(0, len(y_train), batch):
        idx = perm[b:b + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(run(x_train[idx], drop[idx]), y_train[idx])
        loss.backward()
        opt.step()
        sched.step()
    epoch_cpu.append(time.process_time() - mark)  # epoch 1 includes scaling the data to float32
    with torch.no_grad():
        accuracies.append((run(x_test).argmax(1) == y_test).float().mean().item())
    mark = time.process_time()
train_cpu = time.process_time() - start
print(json.dumps({'trainCpu': train_cpu, 'epochCpu': epoch_cpu, 'heldout': accuracies[-1], 'epochs': accuracies,
                  'torch': torch.__version__}))
