# %% [markdown]
# # Exercise 3: backpropagation for a two-layer MLP, no autograd
#
# Inputs $X \in \mathbb{R}^{n \times d}$, integer labels $y \in \{0, \dots, k-1\}^n$ and their
# one-hot matrix $Y \in \mathbb{R}^{n \times k}$. Parameters $W_1 \in \mathbb{R}^{d \times h}$,
# $b_1 \in \mathbb{R}^{h}$, $W_2 \in \mathbb{R}^{h \times k}$, $b_2 \in \mathbb{R}^{k}$.
#
# Forward: $Z_1 = X W_1 + \mathbf{1} b_1^\top$, $H = \max(Z_1, 0)$,
# $S = H W_2 + \mathbf{1} b_2^\top$, $P = \operatorname{softmax}(S)$ row by row, and
# $L = -\frac{1}{n} \sum_i \log P_{i, y_i}$.
#
# Backward, by the chain rule one layer at a time (MML 5.6):
#
# $$\frac{\partial L}{\partial S} = \frac{1}{n}(P - Y), \quad
# \frac{\partial L}{\partial W_2} = H^\top \frac{\partial L}{\partial S}, \quad
# \frac{\partial L}{\partial H} = \frac{\partial L}{\partial S} W_2^\top ,$$
#
# $$\frac{\partial L}{\partial Z_1} = \frac{\partial L}{\partial H} \odot [Z_1 > 0], \quad
# \frac{\partial L}{\partial W_1} = X^\top \frac{\partial L}{\partial Z_1} ,$$
#
# and each bias gradient is the column sum of the gradient of its layer's output.

# %%
from __future__ import annotations

import numpy as np


# %%
class TwoLayerMLP:
    """affine - ReLU - affine - softmax, trained with cross-entropy.

    Parameters live in attributes:
    - W1: First layer weights; has shape (D, H)
    - b1: First layer biases; has shape (H,)
    - W2: Second layer weights; has shape (H, C)
    - b2: Second layer biases; has shape (C,)
    """

    def __init__(self, input_dim: int, hidden_dim: int, num_classes: int, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        # He initialisation keeps the ReLU activations at a similar scale in both layers.
        self.W1 = rng.normal(size=(input_dim, hidden_dim)) * np.sqrt(2.0 / input_dim)
        self.b1 = np.zeros(hidden_dim)
        self.W2 = rng.normal(size=(hidden_dim, num_classes)) * np.sqrt(2.0 / hidden_dim)
        self.b2 = np.zeros(num_classes)

    def forward(self, X, y):
        """Mean cross-entropy loss; keeps what backward needs.

        Inputs:
        - X: A numpy array of shape (N, D) containing a minibatch of data.
        - y: A numpy array of shape (N,) containing labels; y[i] = c means X[i] has label c.

        Returns:
        - loss: The mean cross-entropy over the minibatch.
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
        """Gradients of the loss of the last forward call.

        Returns:
        - grads: Dictionary mapping parameter names to gradients of the same shapes.
        """
        N = self.X.shape[0]
        dscores = self.probs.copy()
        dscores[np.arange(N), self.y] -= 1.0  # P - Y without building the one-hot matrix
        dscores /= N
        dW2 = self.h.T @ dscores
        db2 = dscores.sum(axis=0)
        dh = dscores @ self.W2.T
        dz1 = dh * (self.z1 > 0)
        dW1 = self.X.T @ dz1
        db1 = dz1.sum(axis=0)
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def step(self, grads, lr):
        """One gradient-descent step on every parameter."""
        self.W1 -= lr * grads["W1"]
        self.b1 -= lr * grads["b1"]
        self.W2 -= lr * grads["W2"]
        self.b2 -= lr * grads["b2"]

    def predict(self, X):
        """Most likely class of each row of X; returns an int array of shape (N,)."""
        hidden = np.maximum(X @ self.W1 + self.b1, 0.0)
        return (hidden @ self.W2 + self.b2).argmax(axis=1)


# %% [markdown]
# ## Three Gaussian blobs in four dimensions

# %%
n, d, h, k = 90, 4, 16, 3
rng = np.random.default_rng(0)
centers = 2.0 * rng.normal(size=(k, d))
y = np.repeat(np.arange(k), n // k)
X = centers[y] + rng.normal(size=(n, d))
assert X.shape == (n, d)
model = TwoLayerMLP(d, h, k)

# %% [markdown]
# ## Gradient check
#
# Central differences $\frac{L(\theta + \epsilon e_j) - L(\theta - \epsilon e_j)}{2 \epsilon}$
# for every entry of every parameter, against the backward pass.

# %%
loss = model.forward(X, y)
grads = model.backward()
eps = 1e-6
for name in ("W1", "b1", "W2", "b2"):
    param = getattr(model, name)
    numeric = np.zeros_like(param)
    for index in np.ndindex(*param.shape):
        saved = param[index]
        param[index] = saved + eps
        loss_plus = model.forward(X, y)
        param[index] = saved - eps
        loss_minus = model.forward(X, y)
        param[index] = saved
        numeric[index] = (loss_plus - loss_minus) / (2 * eps)
    rel_error = np.abs(numeric - grads[name]).max() / max(np.abs(numeric).max(), 1e-12)
    print(f"{name}: max relative error {rel_error:.1e}")
    assert rel_error < 1e-6

# %% [markdown]
# ## Training with minibatches
#
# The last minibatch is smaller when the batch size does not divide $n$, so the batch
# arrays change size inside the loop.

# %%
# %%time
batch = 32
order = np.random.default_rng(1).permutation(n)
for epoch in range(100):
    for start in range(0, n, batch):
        idx = order[start : start + batch]
        Xb, yb = X[idx], y[idx]
        model.forward(Xb, yb)
        model.step(model.backward(), lr=0.1)
final_loss = model.forward(X, y)
accuracy = np.mean(model.predict(X) == y)
print(f"loss {loss:.3f} -> {final_loss:.3f}, training accuracy {accuracy:.2f}")
assert final_loss < loss and accuracy > 0.9
