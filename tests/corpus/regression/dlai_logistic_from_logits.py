import numpy as np


def sigmoid(z):
    """
    Compute the sigmoid of z

    Arguments:
    z -- A scalar or numpy array of any size.

    Return:
    s -- sigmoid(z)
    """
    s = np.exp(z) / (1 + np.exp(z))  # expect: N304
    return s


def compute_cost_from_logits(Z, Y):
    """
    Cross-entropy cost computed from the pre-activation Z instead of the sigmoid output.

    Arguments:
    Z -- linear output of the last layer, of shape (1, number of examples)
    Y -- true "label" vector, of shape (1, number of examples)

    Returns:
    cost -- cross-entropy cost
    """
    m = Y.shape[1]
    # -log sigmoid(z) = log(1 + e^{-z}) and -log(1 - sigmoid(z)) = log(1 + e^{z}): both overflow for large |z|
    cost = np.sum(Y * np.log(1 + np.exp(-Z)) + (1 - Y) * np.log(1 + np.exp(Z))) / m  # expect: N307
    return float(np.squeeze(cost))


def compute_cost_through_sigmoid(Z, Y):
    """
    The same cost through the sigmoid helper.

    Arguments:
    Z -- linear output of the last layer, of shape (1, number of examples)
    Y -- true "label" vector, of shape (1, number of examples)
    """
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(1 / (1 + np.exp(-Z))) + (1 - Y) * np.log(1 - 1 / (1 + np.exp(-Z)))) / m  # expect: N305
    return float(np.squeeze(cost))


def compute_cost_stable(Z, Y):
    """
    Arguments:
    Z -- linear output of the last layer, of shape (1, number of examples)
    Y -- true "label" vector, of shape (1, number of examples)
    """
    m = Y.shape[1]
    return float(np.sum(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)) / m)


def predict(w, b, X):
    '''
    Predict whether the label is 0 or 1 using learned logistic regression parameters (w, b)

    Arguments:
    w -- weights, a numpy array of size (n_x, 1)
    b -- bias, a scalar
    X -- data of size (n_x, number of examples)

    Returns:
    Y_prediction -- a numpy array (vector) containing all predictions (0/1) for the examples in X
    '''
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0.5).astype(float)


if __name__ == "__main__":
    np.random.seed(2)
    w = np.random.randn(3, 1)
    X = np.random.randn(3, 10)
    Y = (np.random.rand(1, 10) > 0.5).astype(float)
    Z = np.dot(w.T, X)
    print(compute_cost_from_logits(Z, Y), compute_cost_through_sigmoid(Z, Y), compute_cost_stable(Z, Y))
    print(predict(w, 0.0, X))
