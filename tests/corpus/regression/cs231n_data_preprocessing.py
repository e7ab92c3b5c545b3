from __future__ import print_function

import numpy as np


def load_CIFAR10_like(num_training=49000, num_validation=1000, num_test=1000, num_dev=500):
    """
    A stand-in for data_utils.load_CIFAR10 with the same shapes: images of 32x32x3.

    Returns:
    - X_train: (num_training, 32, 32, 3), y_train: (num_training,)
    - X_val, y_val, X_test, y_test, X_dev, y_dev likewise
    """
    rng = np.random.RandomState(231)
    X_train = rng.randint(0, 256, size=(num_training, 32, 32, 3)).astype(np.float64)
    y_train = rng.randint(10, size=num_training)
    X_val = rng.randint(0, 256, size=(num_validation, 32, 32, 3)).astype(np.float64)
    y_val = rng.randint(10, size=num_validation)
    X_test = rng.randint(0, 256, size=(num_test, 32, 32, 3)).astype(np.float64)
    y_test = rng.randint(10, size=num_test)
    mask = rng.choice(num_training, num_dev, replace=False)
    X_dev = X_train[mask]
    y_dev = y_train[mask]
    return X_train, y_train, X_val, y_val, X_test, y_test, X_dev, y_dev


X_train, y_train, X_val, y_val, X_test, y_test, X_dev, y_dev = load_CIFAR10_like(4900, 100, 100, 50)
num_training, num_dev = X_train.shape[0], X_dev.shape[0]
print('Training data shape: ', X_train.shape)
print('Validation data shape: ', X_val.shape)

# Preprocessing: reshape the image data into rows
X_train = np.reshape(X_train, (X_train.shape[0], -1))
X_val = np.reshape(X_val, (X_val.shape[0], -1))
X_test = np.reshape(X_test, (X_test.shape[0], -1))
# one colour channel's worth of pixels: 32 * 32 is not 32 * 32 * 3
X_dev = np.reshape(X_dev, (num_dev, 32 * 32))  # expect: S104

# As a sanity check, print out the shapes of the data
print('Training data shape: ', X_train.shape)
print('Validation data shape: ', X_val.shape)

# Preprocessing: subtract the mean image
# first: compute the image mean based on the training data
mean_image = np.mean(X_train, axis=0)
print(mean_image[:10])  # print a few of the elements

# per-pixel standard deviation, with the channel axis of the 4-D layout
std_image = np.std(X_train, axis=3)  # expect: S105

# second: subtract the mean image from train and test data
X_train -= mean_image
X_val -= mean_image
X_test -= mean_image

# third: append the bias dimension of ones (i.e. bias trick) so that our SVM
# only has to worry about optimizing a single weight matrix W.
X_train = np.hstack([X_train, np.ones((X_train.shape[0], 1))])
X_val = np.hstack([X_val, np.ones((X_val.shape[0], 1))])
X_test = np.hstack([X_test, np.ones((X_test.shape[0], 1))])

print(X_train.shape, X_val.shape, X_test.shape)


def flip_horizontal(X):
    """
    Data augmentation: mirror each image left to right.

    Inputs:
    - X: A numpy array of shape (N, H, W, C) of images

    Returns:
    - X_flipped: A numpy array of shape (N, H, W, C)
    """
    return X[:, :, ::-1, :]


def to_channels_first(X):
    """
    Inputs:
    - X: A numpy array of shape (N, H, W, C) of images

    Returns:
    - X_t: A numpy array of shape (N, C, H, W)
    """
    # (0, 3, 1, 2) was meant; this is (N, W, H, C) again
    return X.transpose(0, 2, 1, 3)  # expect: S103


images = np.zeros((8, 32, 30, 3))
flipped = flip_horizontal(images)
channels_first = to_channels_first(images)
