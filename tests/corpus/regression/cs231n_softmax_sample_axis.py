import numpy as np


def softmax_loss_vectorized(W, X, y, reg):
    """
    Softmax loss function, vectorized version.

    Inputs:
    - W: A numpy array of shape (D, C) containing weights.
    - X: A numpy array of shape (N, D) containing a minibatch of data.
    - y: A numpy array of shape (N,) containing training labels.
    - reg: (float) regularization strength
    """
    num_train = X.shape[0]
    scores = X.dot(W)
    scores -= np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    # normalised over the batch (axis 0), not over each sample's classes
    probs = exp_scores / np.sum(exp_scores, axis=0, keepdims=True)  # expect: N306
    loss = -np.sum(np.log(probs[np.arange(num_train), y])) / num_train
    loss += reg * np.sum(W * W)
    dscores = probs.copy()
    dscores[np.arange(num_train), y] -= 1
    dW = X.T.dot(dscores) / num_train + 2 * reg * W
    return loss, dW


W = 0.001 * np.random.randn(20, 10)
X = np.random.randn(8, 20)
y = np.random.randint(10, size=8)
print(softmax_loss_vectorized(W, X, y, 1e-5)[0])
