# %% [markdown]
# # Softmax regression from scratch (d2l.ai style, numpy)
#
# A minibatch $X \in \mathbb{R}^{n \times d}$ with $n = 256$, $d = 784$, $q = 10$ classes,
# $W \in \mathbb{R}^{d \times q}$, $b \in \mathbb{R}^{q}$.

# %%
import numpy as np

np.random.seed(0)
num_inputs, num_outputs = 784, 10
W = np.random.normal(0, 0.01, (num_inputs, num_outputs))
b = np.zeros(num_outputs)


# %%
def softmax(X):
    X_exp = np.exp(X - X.max(1, keepdims=True))
    partition = X_exp.sum(1, keepdims=True)
    return X_exp / partition  # The broadcasting mechanism is applied here


def net(X):
    return softmax(np.dot(X.reshape((-1, W.shape[0])), W) + b)


def cross_entropy(y_hat, y):
    return -np.log(y_hat[range(len(y_hat)), y])


def accuracy(y_hat, y):
    """Compute the number of correct predictions."""
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.astype(y.dtype) == y
    return float(cmp.astype(y.dtype).sum())


# %%
X = np.random.normal(0, 1, (2, 5))
X_prob = softmax(X)
print(X_prob, X_prob.sum(1))

y = np.array([0, 2])
y_hat = np.array([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y], cross_entropy(y_hat, y), accuracy(y_hat, y) / len(y))


# %% minibatch SGD, the gradient worked out by hand
def sgd_step(X, y, lr):
    n = X.shape[0]
    P = net(X)
    G = P.copy()
    G[np.arange(n), y] -= 1
    G /= n
    global W, b
    W -= lr * X.reshape((-1, num_inputs)).T @ G
    b -= lr * G.sum(axis=0)
    return cross_entropy(P, y).mean()


batch_size = 256
for epoch in range(3):
    Xb = np.random.normal(0, 1, (batch_size, 1, 28, 28))
    yb = np.random.randint(0, num_outputs, size=batch_size)
    l = sgd_step(Xb, yb, 0.1)
    print(f"epoch {epoch + 1}, loss {l:f}")
