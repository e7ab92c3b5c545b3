import numpy as np


def softmax_a(x):
    e = np.exp(x - x.max(axis=1)[:, None])
    return e / e.sum(axis=1)[:, None]


def softmax_b(x):
    e = np.exp(x - np.amax(x, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def softmax_c(x):
    x = x - x.max(1, keepdims=True)
    return np.exp(x) / np.exp(x).sum(1, keepdims=True)


def softmax_d(x):
    z = np.subtract(x, np.max(x, axis=-1, keepdims=True))
    e = np.exp(z)
    return np.divide(e, np.sum(e, axis=-1, keepdims=True))


def softmax_e(x):
    x = x.copy()
    x -= x.max(axis=1).reshape(-1, 1)
    np.exp(x, out=x)
    x /= x.sum(axis=1).reshape(-1, 1)
    return x


def softmax_1d(v):
    e = np.exp(v - np.max(v))
    return e / np.sum(e)


def softmax_lse(x):
    from scipy.special import logsumexp
    return np.exp(x - logsumexp(x, axis=1, keepdims=True))


x = np.random.randn(4, 3) * 500
for f in (softmax_a, softmax_b, softmax_c, softmax_d, softmax_e, softmax_lse):
    print(f(x).sum(axis=1))
print(softmax_1d(np.array([1000.0, 1.0])))
x = np.random.randn(5, 3)
m = x.max(axis=1)[:, None]
lse = np.log(np.sum(np.exp(x - m), axis=1)) + m[:, 0]
s = x - x.max(axis=1).reshape(-1, 1)
sp = np.log(1 + np.exp(s))
