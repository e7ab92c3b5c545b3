import copy, math
import numpy as np


def sigmoid(z):
    """
    Compute the sigmoid of z

    Args:
        z (ndarray): A scalar, numpy array of any size.

    Returns:
        g (ndarray): sigmoid(z), with the same shape as z
    """
    return 1 / (1 + np.exp(-z))


def compute_cost_logistic(X, y, w, b):
    """
    Computes cost

    Args:
      X (ndarray (m,n)): Data, m examples with n features
      y (ndarray (m,)) : target values
      w (ndarray (n,)) : model parameters
      b (scalar)       : model parameter

    Returns:
      cost (scalar): cost
    """
    f_wb = sigmoid(X @ w + b)
    return np.mean(-y * np.log(f_wb) - (1 - y) * np.log(1 - f_wb))


def gradient_descent(X, y, w_in, b_in, alpha, num_iters):
    """
    Performs batch gradient descent

    Args:
      X (ndarray (m,n)   : Data, m examples with n features
      y (ndarray (m,))   : target values
      w_in (ndarray (n,)): Initial values of model parameters
      b_in (scalar)      : Initial values of model parameter
      alpha (float)      : Learning rate
      num_iters (scalar) : number of iterations to run gradient descent

    Returns:
      w (ndarray (n,))   : Updated values of parameters
      b (scalar)         : Updated value of parameter
    """
    J_history = []
    w = copy.deepcopy(w_in)
    b = b_in
    m = X.shape[0]

    for i in range(num_iters):
        f_wb = sigmoid(X @ w + b)
        # label minus prediction, then subtracted: this climbs the cost
        w = w - alpha * (X.T @ (y - f_wb)) / m  # expect: G502
        b = b - alpha * np.sum(f_wb - y) / m

        J_history.append(compute_cost_logistic(X, y, w, b))
        if i % math.ceil(num_iters / 10) == 0:
            print(f"Iteration {i:4d}: Cost {J_history[-1]}   ")

    return w, b, J_history


def predict(X, w, b):
    """
    Predict whether the label is 0 or 1 using learned logistic
    regression parameters w

    Args:
      X : (ndarray Shape (m,n)) data, m examples by n features
      w : (ndarray Shape (n,))  values of parameters of the model
      b : (scalar)              value of bias parameter of the model

    Returns:
      p : (ndarray (m,)) The predictions for X using a threshold at 0.5
    """
    return (sigmoid(X @ w + b) >= 0.5).astype(float)


X_train = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
y_train = np.array([0, 0, 0, 1, 1, 1])
w_out, b_out, _ = gradient_descent(X_train, y_train, np.zeros(2), 0., 0.1, 10000)
print(f"\nupdated parameters: w:{w_out}, b:{b_out}")
print('Train Accuracy: %f' % (np.mean(predict(X_train, w_out, b_out) == y_train) * 100))
