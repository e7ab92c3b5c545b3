# %% [markdown]
# # Nonlinear least squares: Gauss-Newton and Levenberg-Marquardt
#
# Fit $y \approx a e^{b t}$ with $t \in \mathbb{R}^{n}$, $n = 40$; parameters $\theta \in \mathbb{R}^{2}$.

# %%
import numpy as np

rng = np.random.default_rng(14)
n = 40
t = np.linspace(0, 2, n)
theta_true = np.array([2.0, -1.3])
y = theta_true[0] * np.exp(theta_true[1] * t) + 0.02 * rng.normal(size=n)


def residual(theta):
    return theta[0] * np.exp(theta[1] * t) - y


def jacobian(theta):
    e = np.exp(theta[1] * t)
    return np.column_stack([e, theta[0] * t * e])


# %% Gauss-Newton: J^T J delta = -J^T r, descent on 0.5 ||r||^2
theta = np.array([1.0, -0.5])
for it in range(20):
    r = residual(theta)
    J = jacobian(theta)
    delta = np.linalg.solve(J.T @ J, -J.T @ r)
    theta = theta + delta
print("Gauss-Newton:", theta)

# %% Levenberg-Marquardt with an adaptive damping
theta_lm = np.array([1.0, -0.5])
lam = 1e-2
cost = 0.5 * residual(theta_lm) @ residual(theta_lm)
for it in range(50):
    r = residual(theta_lm)
    J = jacobian(theta_lm)
    A = J.T @ J
    g = J.T @ r
    step = np.linalg.solve(A + lam * np.diag(np.diag(A)), g)
    candidate = theta_lm - step
    new_cost = 0.5 * residual(candidate) @ residual(candidate)
    if new_cost < cost:
        theta_lm, cost, lam = candidate, new_cost, lam / 3
    else:
        lam *= 2
print("LM:", theta_lm, cost)

# %% the Hessian of the cost summed over samples with outer products
H = np.zeros((2, 2))
J = jacobian(theta)
for i in range(n):
    H += np.outer(J[i], J[i])
print(np.allclose(H, J.T @ J))

# %% covariance of the estimate from the inverse of J^T J, kept and reused
sigma2 = residual(theta) @ residual(theta) / (n - 2)
cov = sigma2 * np.linalg.inv(J.T @ J)
stderr = np.sqrt(np.diag(cov))
corr = cov / np.outer(stderr, stderr)
print(stderr, corr[0, 1])

# %% a 2x2 log-determinant is harmless
print(np.log(np.linalg.det(cov)))
