"""The toy generators against their defining formulas."""

from __future__ import annotations

import numpy as np
import pytest

from datasets import synthetic

GENERATORS = [synthetic.moons, synthetic.circles, synthetic.xor, synthetic.blobs, synthetic.spiral]


@pytest.mark.parametrize("make", [*GENERATORS, synthetic.sine])
def test_same_seed_same_points_other_seed_other_points(make) -> None:
    a, b, c = make(200, 0.1, 7), make(200, 0.1, 7), make(200, 0.1, 8)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    assert a[0].dtype == np.float64 and a[0].shape[0] == 200 and a[1].shape == (200,)


@pytest.mark.parametrize("make", GENERATORS)
def test_classes_are_balanced(make) -> None:
    _, y = make(301, 0.1, 0)
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= 1


def test_moons_lie_on_their_half_circles_without_noise() -> None:
    x, y = synthetic.moons(400, 0.0, 1)
    upper, lower = x[y == 0], x[y == 1]
    # make_moons: (cos t, sin t) and (1 - cos t, 0.5 - sin t) for t in [0, pi].
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0) and np.all(upper[:, 1] >= -1e-12)
    assert np.allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


def test_circles_have_radii_one_and_a_half_without_noise() -> None:
    x, y = synthetic.circles(400, 0.0, 1)
    radius = np.hypot(x[:, 0], x[:, 1])
    assert np.allclose(radius[y == 0], 1.0) and np.allclose(radius[y == 1], 0.5)


def test_xor_labels_are_one_where_the_signs_differ() -> None:
    x, y = synthetic.xor(500, 0.0, 3)
    assert np.array_equal(y, (x[:, 0] * x[:, 1] < 0).astype(int))
    assert np.all(np.abs(x) >= synthetic.XOR_MARGIN) and np.all(np.abs(x) <= 1.0)
    # All four quadrants are used.
    assert len({(a, b) for a, b in np.sign(x).astype(int)}) == 4


def test_spiral_points_follow_the_arm_formula_without_noise() -> None:
    x, y = synthetic.spiral(400, 0.0, 5)
    radius = np.hypot(x[:, 0], x[:, 1])
    angle = np.arctan2(x[:, 0], x[:, 1])  # x = r sin(a), y = r cos(a)
    expected = 2 * np.pi * synthetic.SPIRAL_TURNS * radius + np.pi * y
    wrapped = np.angle(np.exp(1j * (angle - expected)))
    assert np.all(radius <= 1.0) and np.allclose(wrapped, 0.0, atol=1e-9)


@pytest.mark.parametrize("make", [synthetic.moons, synthetic.xor, synthetic.spiral])
def test_noise_is_gaussian_jitter_with_the_given_std(make) -> None:
    clean, _ = make(4000, 0.0, 11)
    noisy, _ = make(4000, 0.25, 11)
    jitter = noisy - clean
    assert np.abs(jitter.mean(axis=0)).max() < 0.02
    assert jitter.std(axis=0) == pytest.approx([0.25, 0.25], rel=0.06)


def test_blobs_sit_on_their_centres_with_std_noise() -> None:
    x, y = synthetic.blobs(3000, 0.7, 2)
    for k, centre in enumerate(synthetic.BLOB_CENTERS):
        members = x[y == k]
        assert members.mean(axis=0) == pytest.approx(centre, abs=0.1)
        assert members.std(axis=0) == pytest.approx([0.7, 0.7], rel=0.08)


def test_sine_is_sin_plus_gaussian_noise() -> None:
    x, y = synthetic.sine(5000, 0.2, 0)
    assert x.shape == (5000, 1) and np.all(np.abs(x) <= np.pi)
    residual = y - np.sin(x[:, 0])
    assert residual.std() == pytest.approx(0.2, rel=0.05)
    assert np.array_equal(
        synthetic.sine(50, 0.0, 1)[1], np.sin(synthetic.sine(50, 0.0, 1)[0][:, 0])
    )
