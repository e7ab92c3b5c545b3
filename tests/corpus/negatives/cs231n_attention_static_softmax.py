import numpy as np


class MultiHeadAttention:
    def __init__(self, embed_dim, num_heads, seed=0):
        assert embed_dim % num_heads == 0
        rng = np.random.default_rng(seed)
        self.E = embed_dim
        self.H = num_heads
        scale = 1.0 / np.sqrt(embed_dim)
        self.Wq = rng.standard_normal((embed_dim, embed_dim)) * scale
        self.Wk = rng.standard_normal((embed_dim, embed_dim)) * scale
        self.Wv = rng.standard_normal((embed_dim, embed_dim)) * scale
        self.Wo = rng.standard_normal((embed_dim, embed_dim)) * scale

    def _split(self, x):
        """
        Inputs:
        - x: A numpy array of shape (N, T, E)
        """
        N, T, E = x.shape
        return x.reshape(N, T, self.H, E // self.H).transpose(0, 2, 1, 3)

    def _merge(self, x):
        N, H, T, Dh = x.shape
        return x.transpose(0, 2, 1, 3).reshape(N, T, H * Dh)

    @staticmethod
    def softmax(z, axis=-1):
        z = z - z.max(axis=axis, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=axis, keepdims=True)

    def forward(self, query, key, value, mask=None):
        """
        Inputs:
        - query: Input data to be used as the query, of shape (N, S, E)
        - key: Input data to be used as the key, of shape (N, T, E)
        - value: Input data to be used as the value, of shape (N, T, E)
        - mask: Array of shape (S, T) where mask[i,j] == 0 blocks attention
        """
        N, S, E = query.shape
        q = self._split(query @ self.Wq)
        k = self._split(key @ self.Wk)
        v = self._split(value @ self.Wv)
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(E // self.H)
        if mask is not None:
            scores = np.where(mask == 0, -np.inf, scores)
        attn = self.softmax(scores, axis=-1)
        out = self._merge(attn @ v)
        return out @ self.Wo


class Embedding:
    def __init__(self, vocab_size, dim):
        self.W = np.random.randn(vocab_size, dim) * 0.01

    def forward(self, idx):
        """
        Inputs:
        - idx: Integer array of shape (N, T)
        """
        self.idx = idx
        return self.W[idx]

    def backward(self, dout):
        """
        Inputs:
        - dout: Upstream gradients of shape (N, T, D)
        """
        dW = np.zeros_like(self.W)
        np.add.at(dW, self.idx, dout)
        return dW


if __name__ == "__main__":
    emb = Embedding(100, 16)
    tokens = np.random.randint(0, 100, size=(2, 7))
    x = emb.forward(tokens)
    mha = MultiHeadAttention(16, 4)
    causal = np.tril(np.ones((7, 7)))
    y = mha.forward(x, x, x, mask=causal)
    dW = emb.backward(y)
