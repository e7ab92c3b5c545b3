import numpy as np

x = np.random.randn(10)
a = np.log(1 + np.exp(-x**2))
b = np.log1p(np.exp(-np.square(x)))
c = np.log(1 + np.exp(-np.linalg.norm(x)))
d = np.log(1.0 + np.exp(np.minimum(x, 0)))
e = np.log1p(np.exp(np.clip(x, -50, 50)))
print(a, b, c, d, e)
