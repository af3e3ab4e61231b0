"""TMRM-HU and DeepFM in PyTorch, single-threaded: the reference that `npm run bench -- model`
compares libs/model against (invoked by model.bench.ts; runs alone too).

    python3 bench/tmrm-pytorch.py DATA_DIR speed BATCHES
    python3 bench/tmrm-pytorch.py DATA_DIR auc TRAIN_SAMPLES

Prints one JSON object. Needs PyTorch (Debian: apt-get install python3-torch).

The data is built exactly as model.bench.ts builds it: ml-100k, every rating a positive plus 5
unrated items drawn by the same linear congruential generator (in IEEE doubles, as JavaScript
computes it), shuffled by the same Fisher-Yates pass, with the same synthetic leaf ids (100
trees of 50 leaves, FNV-1a hashes of field pairs). So both sides see identical samples in the
same order; `fingerprint` in the output lets the caller check that.

The network is libs/model's default configuration: 11 slots (one per single-valued or numeric
field, 4 for genres) with embeddings of size 8; linear part; FM second-order k-vector by the
square-of-sum identity; 3 ReLU layers of 200 with dropout 0.1 over the per-field sums; head 1
the sum of the three logits; head 2 a dense layer from [y_linear, FM k-vector, last hidden
layer] to the 5,000 leaves, trained by binary cross-entropy summed over leaves; a tenth of
head 2's gradient reaches the shared body (libs/model's `leafHeadGradient`); the two losses
combined by homoscedastic uncertainty (sum of 0.5*exp(-s_i)*L_i + s_i); Adam at 0.001, joint
gradient norm clipped at 10. Numeric fields are standardised with the training data's mean
and deviation (libs/model keeps running ones) and clipped to [-5, 5].
"""

import json
import math
import os
import sys
import time

# One thread for every kernel library torch may use, before it loads (set_num_threads alone
# left OpenBLAS on both cores here).
for variable in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[variable] = '1'

import torch  # noqa: E402
from torch import nn

TREES, LEAVES_PER_TREE = 100, 50
FIELDS = ['user_id', 'item_id', 'age', 'gender', 'occupation', 'zip', 'genre', 'year']
CATEGORICAL = ['user_id', 'item_id', 'gender', 'occupation', 'zip']
NUMERIC = ['age', 'year']
GENRE_SLOTS = 4
K, HIDDEN, DROPOUT, BATCH = 8, 200, 0.1, 512


class JsRandom:
    """model.bench.ts's generator, seed = (seed * 1103515245 + 12345) >>> 0, in doubles."""

    def __init__(self, seed=12345):
        self.seed = seed

    def next(self):
        product = float(self.seed) * 1103515245.0 + 12345.0
        self.seed = int(product) % 2**32
        return self.seed / 2**32


def js_string(value):
    if isinstance(value, list):
        return ','.join(value)
    return str(value)


def synthetic_leaves(fields):
    ids = []
    for t in range(TREES):
        a = js_string(fields[FIELDS[t % len(FIELDS)]])
        b = js_string(fields[FIELDS[(t * 7 + 3) % len(FIELDS)]])
        h = (2166136261 ^ t) & 0xFFFFFFFF
        for ch in f'{a}|{b}':
            h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
        ids.append(t * LEAVES_PER_TREE + h % LEAVES_PER_TREE)
    return ids


def load_samples(folder):
    def lines(name):
        with open(os.path.join(folder, name), encoding='latin-1') as f:
            return f.read().strip().split('\n')

    users = {}
    for line in lines('u.user'):
        uid, age, gender, occupation, zipcode = line.split('|')
        users[uid] = {'age': int(age), 'gender': gender, 'occupation': occupation,
                      'zip': zipcode[:2]}
    genre_names = [line.split('|')[0] for line in lines('u.genre') if line]
    items = {}
    for line in lines('u.item'):
        parts = line.split('|')
        genre = [genre_names[g] for g, flag in enumerate(parts[5:]) if flag == '1']
        year_text = parts[2][-4:]
        year = int(year_text) if year_text.strip().isdigit() else 0
        items[parts[0]] = {'genre': genre, 'year': year}
    item_ids = list(items)
    ratings = [line.split('\t') for line in lines('u.data')]
    rated = {(r[0], r[1]) for r in ratings}
    random = JsRandom()

    def make(user, item, label):
        return {'user_id': user, 'item_id': item, **users[user], **items[item]}, label

    samples = []
    for user, item, *_ in ratings:
        samples.append(make(user, item, 1))
        for _ in range(5):
            negative = item_ids[math.floor(random.next() * len(item_ids))]
            while (user, negative) in rated:
                negative = item_ids[math.floor(random.next() * len(item_ids))]
            samples.append(make(user, negative, 0))
    for i in range(len(samples) - 1, 0, -1):
        j = math.floor(random.next() * (i + 1))
        samples[i], samples[j] = samples[j], samples[i]
    return samples


def encode(samples, numeric_stats):
    """Row ids [N, 11], slot values [N, 11], labels [N], leaf ids [N, 100]."""
    vocab = {name: {} for name in CATEGORICAL + ['genre']}
    # Row 0 of each field is "absent"; numeric fields have one row each.
    offsets, next_row = {}, 0
    for name in FIELDS:
        offsets[name] = next_row
        next_row += 1 if name in NUMERIC else 5000
    rows, values, labels, leaves = [], [], [], []
    for fields, label in samples:
        r, v = [], []
        for name in FIELDS:
            if name in NUMERIC:
                mean, std = numeric_stats[name]
                r.append(offsets[name])
                v.append(max(-5.0, min(5.0, (fields[name] - mean) / std)))
            elif name == 'genre':
                ids = vocab['genre']
                present = fields['genre'][:GENRE_SLOTS]
                for s in range(GENRE_SLOTS):
                    if s < len(present):
                        r.append(offsets[name] + ids.setdefault(present[s], len(ids) + 1))
                        v.append(1.0)
                    else:
                        r.append(offsets[name])
                        v.append(1.0 if not present and s == 0 else 0.0)
            else:
                ids = vocab[name]
                r.append(offsets[name] + ids.setdefault(fields[name], len(ids) + 1))
                v.append(1.0)
        rows.append(r)
        values.append(v)
        labels.append(float(label))
        leaves.append(synthetic_leaves(fields))
    return (torch.tensor(rows), torch.tensor(values), torch.tensor(labels),
            torch.tensor(leaves), next_row)


# Slot -> field for the deep part's per-field sums: 5 single slots, 4 genre slots, year.
SLOT_FIELD = [0, 1, 2, 3, 4, 5, 6, 6, 6, 6, 7]


class Tmrm(nn.Module):
    def __init__(self, rows, leaves):
        super().__init__()
        self.embedding = nn.Embedding(rows, K)
        nn.init.normal_(self.embedding.weight, std=0.05)
        self.linear = nn.Embedding(rows, 1)
        nn.init.zeros_(self.linear.weight)
        self.bias = nn.Parameter(torch.zeros(1))
        layers, width = [], len(FIELDS) * K
        for _ in range(3):
            layers += [nn.Linear(width, HIDDEN), nn.ReLU(), nn.Dropout(DROPOUT)]
            width = HIDDEN
        self.mlp = nn.Sequential(*layers)
        self.deep_out = nn.Linear(HIDDEN, 1)
        self.leaf_head = nn.Linear(1 + K + HIDDEN, leaves) if leaves else None
        if self.leaf_head is not None:
            nn.init.normal_(self.leaf_head.weight, std=0.01)
            nn.init.constant_(self.leaf_head.bias, -math.log(LEAVES_PER_TREE - 1))
        self.log_variances = nn.Parameter(torch.zeros(2))
        pooling = torch.zeros(len(SLOT_FIELD), len(FIELDS))
        for slot, field in enumerate(SLOT_FIELD):
            pooling[slot, field] = 1.0
        self.register_buffer('pooling', pooling)

    def forward(self, rows, values):
        weighted = self.embedding(rows) * values.unsqueeze(2)               # [B, S, k]
        y_linear = self.bias + (self.linear(rows).squeeze(2) * values).sum(1, keepdim=True)
        square_of_sum = weighted.sum(1) ** 2
        sum_of_squares = (weighted ** 2).sum(1)
        fm = 0.5 * (square_of_sum - sum_of_squares)                         # [B, k]
        pooled = torch.einsum('bsk,sf->bfk', weighted, self.pooling).reshape(len(rows), -1)
        hidden = self.mlp(pooled)
        click = y_linear + fm.sum(1, keepdim=True) + self.deep_out(hidden)
        if self.leaf_head is None:
            return click.squeeze(1), None
        shared = torch.cat([y_linear, fm, hidden], 1)
        # A tenth of the leaf loss's gradient reaches the shared body.
        damped = 0.1 * shared + 0.9 * shared.detach()
        return click.squeeze(1), self.leaf_head(damped)


def loss_of(model, batch):
    rows, values, labels, leaves = batch
    click, leaf_logits = model(rows, values)
    click_loss = nn.functional.binary_cross_entropy_with_logits(click, labels)
    if leaf_logits is None:
        return click_loss
    targets = torch.zeros_like(leaf_logits).scatter_(1, leaves, 1.0)
    leaf_loss = nn.functional.binary_cross_entropy_with_logits(
        leaf_logits, targets, reduction='sum') / len(rows)
    s = model.log_variances
    return 0.5 * torch.exp(-s[0]) * click_loss + s[0] + 0.5 * torch.exp(-s[1]) * leaf_loss + s[1]


def make_model(encoded, with_leaves, first_batch):
    torch.manual_seed(1)
    model = Tmrm(encoded[4], TREES * LEAVES_PER_TREE if with_leaves else 0)
    if with_leaves:
        # Log-variances start at the optimum for the initial losses, log(L_i / 2), as libs/model.
        with torch.no_grad():
            rows, values, labels, leaves = first_batch
            click, leaf_logits = model(rows, values)
            targets = torch.zeros_like(leaf_logits).scatter_(1, leaves, 1.0)
            l1 = nn.functional.binary_cross_entropy_with_logits(click, labels)
            l2 = nn.functional.binary_cross_entropy_with_logits(
                leaf_logits, targets, reduction='sum') / len(rows)
            model.log_variances.copy_(torch.log(torch.stack([l1, l2]) / 2))
    return model, torch.optim.Adam(model.parameters(), lr=0.001)


def step(model, optimizer, batch):
    optimizer.zero_grad()
    loss = loss_of(model, batch)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 10.0)
    optimizer.step()


def batch_at(encoded, start, end):
    return tuple(t[start:end] for t in encoded[:4])


def auc(scores, labels):
    order = torch.argsort(scores)
    ranks = torch.empty(len(scores), dtype=torch.float64)
    ranks[order] = torch.arange(1, len(scores) + 1, dtype=torch.float64)
    positives = labels.sum().item()
    negatives = len(labels) - positives
    return ((ranks[labels == 1].sum().item() - positives * (positives + 1) / 2)
            / (positives * negatives))


def fingerprint(samples):
    """FNV-1a over the first 1,000 samples' user, item and label, as model.bench.ts computes."""
    h = 2166136261
    for fields, label in samples[:1000]:
        for ch in f"{fields['user_id']}|{fields['item_id']}|{label};":
            h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def main():
    folder, mode, amount = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(1)
    samples = load_samples(folder)
    train_count = amount if mode == 'auc' else len(samples)
    stats = {}
    for name in NUMERIC:
        column = torch.tensor([float(f[name]) for f, _ in samples[:train_count]])
        stats[name] = (column.mean().item(), column.std().item())
    used = samples if mode == 'auc' else samples[:BATCH * (amount + 2)]
    encoded = encode(used, stats)
    result = {'bench': 'tmrm-pytorch', 'torch': torch.__version__, 'threads': 1,
              'fingerprint': fingerprint(samples), 'samples': len(samples)}
    if mode == 'speed':
        for name, with_leaves in (('deepFm', False), ('tmrmHu', True)):
            model, optimizer = make_model(encoded, with_leaves, batch_at(encoded, 0, BATCH))
            model.train()
            step(model, optimizer, batch_at(encoded, 0, BATCH))
            wall, cpu = time.perf_counter(), time.process_time()
            for b in range(1, amount + 1):
                step(model, optimizer, batch_at(encoded, b * BATCH, (b + 1) * BATCH))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            result[f'{name}SamplesPerSecond'] = round(amount * BATCH / wall)
            result[f'{name}SamplesPerCpuSecond'] = round(amount * BATCH / cpu)
        result['trainBatches'] = amount
    else:
        for name, with_leaves in (('deepFm', False), ('tmrmHu', True)):
            model, optimizer = make_model(encoded, with_leaves, batch_at(encoded, 0, BATCH))
            model.train()
            started = time.perf_counter()
            for start in range(0, train_count, BATCH):
                step(model, optimizer, batch_at(encoded, start, min(start + BATCH, train_count)))
            seconds = time.perf_counter() - started
            model.eval()
            with torch.no_grad():
                test = batch_at(encoded, train_count, len(samples))
                click, _ = model(test[0], test[1])
                probability = torch.sigmoid(click).clamp(1e-7, 1 - 1e-7)
                labels = test[2]
                logloss = -(labels * probability.log()
                            + (1 - labels) * (1 - probability).log()).mean().item()
            result[name] = {'testAuc': auc(click, labels), 'testLogloss': logloss,
                            'trainSeconds': round(seconds, 1)}
        result['trainSamples'] = train_count
        result['testSamples'] = len(samples) - train_count
    print(json.dumps(result))


if __name__ == '__main__':
    main()
