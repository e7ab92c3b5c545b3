# %% [markdown]
# # Exercise 3 with typical shape mistakes
#
# The network of `mlp_correct`: $X \in \mathbb{R}^{n \times d}$,
# $W_1 \in \mathbb{R}^{d \times h}$, $W_2 \in \mathbb{R}^{h \times k}$, and the backward pass
# $\partial L / \partial H = \frac{\partial L}{\partial S} W_2^\top$. Every wrong line ends with
# the finding derivlint must report there.

# %%
from __future__ import annotations

import numpy as np


# %%
class TwoLayerMLP:
    """affine - ReLU - affine - softmax.

    - W1: First layer weights; has shape (D, H)
    - W2: Second layer weights; has shape (H, C)
    """

    def __init__(self, input_dim: int, hidden_dim: int, num_classes: int, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(size=(input_dim, hidden_dim)) * np.sqrt(2.0 / input_dim)
        self.b1 = np.zeros(hidden_dim)
        self.W2 = rng.normal(size=(hidden_dim, num_classes)) * np.sqrt(2.0 / hidden_dim)
        self.b2 = np.zeros(num_classes)

    def forward(self, X, y):
        """Mean cross-entropy loss.

        Inputs:
        - X: A numpy array of shape (N, D) containing a minibatch of data.
        - y: A numpy array of shape (N,) containing integer labels.
        """
        N = X.shape[0]
        z1 = X @ self.W1 + self.b1
        h = np.maximum(z1, 0.0)
        scores = h @ self.W2 + self.b2
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.X, self.y, self.z1, self.h = X, y, z1, h
        self.probs = np.exp(log_probs)
        return -log_probs[np.arange(N), y].mean()

    def backward(self):
        """Gradients of the loss of the last forward call, by parameter name."""
        N = self.X.shape[0]
        dscores = self.probs.copy()
        dscores[np.arange(N), self.y] -= 1.0
        dscores /= N
        dW2 = self.h.T @ dscores
        db2 = dscores.sum(axis=0)
        dh = dscores @ self.W2  # expect: S101
        dz1 = dh * (self.z1 > 0)
        dW1 = self.X.T @ dz1
        db1 = dz1.sum(axis=0)
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def predict(self, X):
        """Most likely class of each row of X."""
        hidden = np.maximum(X @ self.W1 + self.b1, 0.0)
        return (hidden @ self.W2 + self.b2).argmax(axis=1)

    def predict_proba(self, X):
        """Class probabilities of each row of X."""
        hidden = np.maximum(X @ self.W1 + self.b1, 0.0)
        scores = hidden @ self.W2 + self.b2
        exp_scores = np.exp(scores - scores.max(axis=1))  # expect: S106
        return exp_scores / exp_scores.sum(axis=1, keepdims=True)


# %%
def one_hot(y, num_classes):
    """One row per label.

    Inputs:
    - y: A numpy array of shape (N,) of integer labels in [0, C).

    Returns:
    - Y: A numpy array of shape (N, C) with a single one in each row.
    """
    return np.eye(num_classes)[:, y]  # expect: S103


# %%
n, d, h, k = 90, 4, 16, 3
rng = np.random.default_rng(0)
centers = 2.0 * rng.normal(size=(k, d))
y = np.repeat(np.arange(k), n // k)
X = centers[y] + rng.normal(size=(n, d))  # shape: (n, d  # expect: S107
model = TwoLayerMLP(d, h, k)
print("labels per class:", one_hot(y, k).sum())

# %% [markdown]
# Squared features appended to the inputs: the join axis of two $n \times d$ arrays is 1.

# %%
X_poly = np.concatenate([X, X**2], axis=2)  # expect: S105

# %% [markdown]
# Accuracy against labels stored as a column, the way many loaders return them: comparing
# a length-$n$ vector with an $n \times 1$ matrix gives an $n \times n$ table of booleans.

# %%
y_col = y.reshape(-1, 1)
accuracy = np.mean(model.predict(X) == y_col)  # expect: S102
print(f"accuracy of the untrained model (wrong): {accuracy:.2f}")
print(model.predict_proba(X[:2]))

# %% [markdown]
# First-layer weights viewed as one small image per hidden unit: each unit has $d = 4$
# weights, a $2 \times 2$ patch, not $3 \times 3$.

# %%
filters = model.W1.T.reshape(h, 3, 3)  # expect: S104

# %% [markdown]
# Training would fail at the first backward pass.

# %%
# %%time
for step in range(200):
    model.forward(X, y)
    grads = model.backward()
    model.W1 -= 0.1 * grads["W1"]
    model.b1 -= 0.1 * grads["b1"]
    model.W2 -= 0.1 * grads["W2"]
    model.b2 -= 0.1 * grads["b2"]
