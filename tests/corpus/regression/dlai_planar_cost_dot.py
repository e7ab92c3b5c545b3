import numpy as np


def layer_sizes(X, Y):
    """
    Arguments:
    X -- input dataset of shape (input size, number of examples)
    Y -- labels of shape (output size, number of examples)

    Returns:
    n_x -- the size of the input layer
    n_h -- the size of the hidden layer
    n_y -- the size of the output layer
    """
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def compute_cost(A2, Y):
    """
    Computes the cross-entropy cost given in equation (13)

    Arguments:
    A2 -- The sigmoid output of the second activation, of shape (1, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)

    Returns:
    cost -- cross-entropy cost given equation (13)
    """
    m = Y.shape[1]  # number of examples

    # np.dot of two (1, m) rows: the transpose of one of them was meant
    logprobs = np.dot(np.log(A2), Y) + np.dot(np.log(1 - A2), 1 - Y)  # expect: S101
    cost = - np.sum(logprobs) / m
    cost = float(np.squeeze(cost))
    return cost


def compute_cost_vectorised(A2, Y):
    """
    The same cost with the transposes in place.

    Arguments:
    A2 -- The sigmoid output of the second activation, of shape (1, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)
    """
    m = Y.shape[1]
    cost = -(np.dot(np.log(A2), Y.T) + np.dot(np.log(1 - A2), (1 - Y).T)) / m
    return float(np.squeeze(cost))


def predict_accuracy(A2, Y):
    """
    Arguments:
    A2 -- probabilities, of shape (1, number of examples)
    Y -- labels, of shape (1, number of examples)
    """
    predictions = (A2 > 0.5)
    return float((np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T)).squeeze() / Y.size * 100)


if __name__ == "__main__":
    np.random.seed(1)
    Y_assess = (np.random.randn(1, 3) > 0)
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963]])
    print("cost = " + str(compute_cost_vectorised(A2, Y_assess)))
    print("cost = " + str(compute_cost(A2, Y_assess)))
    print("accuracy = %.1f" % predict_accuracy(A2, Y_assess))
