"""datasets/study_cats_depth.py: its fast "span" form of full-batch GD takes the same steps as
dl.train (checked on a small problem with more features than examples, like the cat pictures)."""
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

from tests.data.datasets_module import datasets_module

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def _study():
    return datasets_module("study_cats_depth")


def _problem(seed=0, n_x=60, m=15, m_test=9):
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, (n_x, m))                     # all positive, like pixels / 255
    X_test = rng.uniform(0, 1, (n_x, m_test))
    Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    Y_test = (rng.random((1, m_test)) < 0.5).astype(np.int64)
    return rng, X, Y, X_test, Y_test


@pytest.mark.parametrize("dims", [[60, 5, 1], [60, 6, 4, 3, 1]])
def test_span_form_takes_the_same_steps_as_dl_train(dims):
    S = _study()
    rng, X, Y, X_test, Y_test = _problem()
    net = dl.DeepNet(dims, initializer="xavier", rng=rng)
    start = {k: v.copy() for k, v in net.params.items()}
    h = dl.train(net, X, Y, learning_rate=0.05, num_iterations=300, X_dev=X_test, Y_dev=Y_test,
                 record_every=100)
    r = S.train_span(start, S.Span(X, X_test), Y, Y_test, 0.05, 300, record_every=100)
    for k in net.params:
        np.testing.assert_allclose(r["params"][k], net.params[k], rtol=0, atol=1e-11, err_msg=k)
    np.testing.assert_allclose(r["costs"] + [r["cost"]], h.costs, rtol=1e-12)
    assert (r["train"], r["test"]) == (h.train_acc[-1], h.dev_acc[-1])
    assert h.costs[-1] < 0.8 * h.costs[0]               # the problem really trains
    assert not r["diverged"]


def test_span_form_is_logistic_regression_for_one_layer():
    S = _study()
    _, X, Y, X_test, Y_test = _problem(seed=1)
    logreg = dl.LogisticRegression(X.shape[0])
    h = dl.train(logreg, X, Y, learning_rate=0.1, num_iterations=200, X_dev=X_test, Y_dev=Y_test,
                 record_every=200)
    r = S.train_span(dl.initialize_parameters([X.shape[0], 1], "zeros"), S.Span(X, X_test), Y, Y_test, 0.1, 200)
    np.testing.assert_allclose(r["params"]["W1"], logreg.params["w"].T, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r["cost"], h.costs[-1], rtol=1e-12)
    assert r["test"] == h.dev_acc[-1]


def test_divergence_is_reported_with_dl_trains_rule():
    S = _study()
    rng, X, Y, X_test, Y_test = _problem(seed=2)
    start = dl.initialize_parameters([60, 5, 1], "xavier", rng)
    r = S.train_span(start, S.Span(X, X_test), Y, Y_test, 50.0, 100)
    with pytest.raises(dl.DivergenceError):
        dl.train(dl.DeepNet([60, 5, 1], params=start), X, Y, learning_rate=50.0, num_iterations=100)
    assert r["diverged"]


def test_init_pair_is_the_notebooks_draw_order():
    S = _study()
    p2, p4 = S.init_pair(1)
    rng = np.random.default_rng(1)
    n2 = dl.DeepNet(S.DIMS_2L, initializer="xavier", rng=rng)
    n4 = dl.DeepNet(S.DIMS_4L, initializer="xavier", rng=rng)
    for p, net in ((p2, n2), (p4, n4)):
        assert all(np.array_equal(p[k], net.params[k]) for k in net.params)


def test_c1_05_quotes_the_studys_row_for_the_shipped_set():
    """The seed-3 row that c1/05 types in (its markdown table and its STUDY_SEED3 check) is one
    row, and the study recomputes its notebook cell and the logistic-regression figure (~5 s)."""
    import ast
    import json
    S = _study()
    nb = json.loads((DATASETS.parent / "notebooks" / "c1_neural_networks_and_deep_learning" /
                     "05_deep_network_application.ipynb").read_text())
    cells = ["".join(c["source"]) for c in nb["cells"]]
    code = next(c for c in cells if "STUDY_SEED3 = " in c)
    tree = ast.parse(code)
    typed = next(ast.literal_eval(n.value) for n in tree.body
                 if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "STUDY_SEED3")
    row = next(line for c in cells for line in c.splitlines() if line.startswith("| 3 | "))
    fields = [f.strip() for f in row.strip("|").split("|")]
    assert float(fields[1]) == 76.0
    table = {s: tuple(float(v.strip(" *")) for v in fields[2 + s].split("/")) for s in S.INIT_SEEDS}
    assert table == typed
    lr, rows = S.run_seed(3, [S.NOTEBOOK[1]])
    _, r2, r4 = rows[0]
    assert round(lr["test"], 1) == float(fields[1])
    assert (round(r2["test"], 1), round(r4["test"], 1)) == typed[S.NOTEBOOK[1]]
