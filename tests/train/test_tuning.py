"""Hyperparameter search helpers: scales, results table, coarse to fine."""
import math

import numpy as np
import pytest

import dlutils as dl

SPACE = {"learning_rate": ("log", 1e-4, 1), "beta": ("one_minus_log", 0.9, 0.999),
         "n_h": ("int", 2, 50), "lambd": ("linear", 0, 1), "optimizer": ("choice", ["momentum", "adam"]),
         "num_epochs": 20}


def test_log_scale_covers_decades_uniformly():
    rng = np.random.default_rng(0)
    lr = np.array([t["learning_rate"] for t in dl.sample_hyperparameters(rng, 4000, SPACE)])
    assert lr.min() >= 1e-4 and lr.max() <= 1
    counts = np.histogram(np.log10(lr), bins=[-4, -3, -2, -1, 0])[0]
    assert np.all(np.abs(counts - 1000) < 120), counts      # each decade ~ a quarter
    # the naive linear draw would put ~90 % in [0.1, 1]; the log draw puts ~25 % there
    assert 0.2 < np.mean(lr > 0.1) < 0.3


def test_one_minus_beta_is_sampled_on_a_log_scale():
    rng = np.random.default_rng(1)
    beta = np.array([t["beta"] for t in dl.sample_hyperparameters(rng, 3000, SPACE)])
    assert beta.min() >= 0.9 and beta.max() <= 0.999
    counts = np.histogram(np.log10(1 - beta), bins=[-3, -2, -1])[0]
    assert abs(counts[0] - counts[1]) < 200, counts        # as many in [0.99, 0.999] as in [0.9, 0.99]
    assert np.mean(beta > 0.99) == pytest.approx(0.5, abs=0.04)


def test_int_linear_choice_and_constants():
    rng = np.random.default_rng(2)
    trials = dl.sample_hyperparameters(rng, 2000, SPACE)
    n_h = np.array([t["n_h"] for t in trials])
    assert n_h.min() == 2 and n_h.max() == 50 and all(isinstance(t["n_h"], int) for t in trials)
    lam = np.array([t["lambd"] for t in trials])
    assert 0 <= lam.min() and lam.max() <= 1 and abs(lam.mean() - 0.5) < 0.03
    assert {t["optimizer"] for t in trials} == {"momentum", "adam"}
    assert all(t["num_epochs"] == 20 for t in trials)
    again = dl.sample_hyperparameters(np.random.default_rng(2), 2000, SPACE)
    assert again == trials   # same rng, same settings


def _score(learning_rate, beta, n_h, lambd, optimizer, num_epochs):
    # a known optimum: learning_rate 1e-2, beta 0.99, n_h 30, small lambd
    return -(math.log10(learning_rate) + 2) ** 2 - (math.log10(1 - beta) + 2) ** 2 \
        - ((n_h - 30) / 20) ** 2 - lambd


def test_random_search_table_sorted_and_best():
    rng = np.random.default_rng(3)
    res = dl.random_search(_score, SPACE, 30, rng)
    assert len(res) == 30 and isinstance(res, dl.SearchResults)
    scores = [t["score"] for t in res.sorted()]
    assert scores == sorted(scores, reverse=True)
    assert res.best()["score"] == max(t["score"] for t in res)
    assert [t["trial"] for t in res.best(3)] == [t["trial"] for t in res.sorted()[:3]]
    text = str(res)
    lines = text.splitlines()
    assert lines[0].split()[0] == "trial" and lines[0].split()[-1] == "score"
    assert lines[2].split()[0] == str(res.best()["trial"])      # best first
    assert "30 trials, sorted best first (higher score is better)" in text
    low = dl.random_search(lambda **hp: -_score(**hp), SPACE, 10, np.random.default_rng(3), maximize=False)
    assert low.best()["score"] == min(t["score"] for t in low)


def test_random_search_keeps_failed_trials_last_and_extra_metrics():
    def score(learning_rate, **_):
        if learning_rate > 0.1:
            raise FloatingPointError("diverged")
        return {"score": -learning_rate, "train_acc": 90.0}
    res = dl.random_search(score, SPACE, 40, np.random.default_rng(4))
    ranked = res.sorted()
    failed = [t for t in res if "error" in t]
    assert failed and all(np.isnan(t["score"]) for t in failed)
    assert all("error" in t for t in ranked[-len(failed):])
    assert "train_acc" in res.table() and "failed" in res.table()
    assert res.column("train_acc").shape == (40,)


def test_coarse_to_fine_narrows_around_the_best():
    rng = np.random.default_rng(5)
    coarse = dl.random_search(_score, SPACE, 60, rng)
    fine = dl.coarse_to_fine(SPACE, coarse, top_k=5)
    best = coarse.best()
    for name in ("learning_rate", "beta", "n_h", "lambd"):
        kind, lo, hi = fine[name]
        assert kind == SPACE[name][0]
        assert lo <= best[name] <= hi
        assert SPACE[name][1] <= lo and hi <= SPACE[name][2]
    # narrower, measured on each scale's own coordinate
    assert math.log10(fine["learning_rate"][2] / fine["learning_rate"][1]) < 4 * 0.6
    assert math.log10((1 - fine["beta"][1]) / (1 - fine["beta"][2])) < 2 * 0.8
    assert fine["num_epochs"] == 20
    # and the fine search finds better settings on average
    again = dl.random_search(_score, fine, 60, np.random.default_rng(6))
    assert np.median(again.column("score")) > np.median(coarse.column("score"))
    assert again.best()["score"] >= coarse.best(5)[-1]["score"]


def test_bad_input_messages():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="sample_hyperparameters: 'lr' has spec \\('loog'"):
        dl.sample_hyperparameters(rng, 3, {"lr": ("loog", 1e-3, 1)})
    with pytest.raises(ValueError, match="a log scale needs low > 0.*use \\('linear', 0, 1\\)"):
        dl.sample_hyperparameters(rng, 3, {"lambd": ("log", 0, 1)})
    with pytest.raises(ValueError, match="'one_minus_log' samples beta"):
        dl.sample_hyperparameters(rng, 3, {"beta": ("one_minus_log", 0.9, 1.0)})
    with pytest.raises(ValueError, match="need finite low <= high"):
        dl.sample_hyperparameters(rng, 3, {"lr": ("linear", 1, 0)})
    with pytest.raises(ValueError, match="sample_hyperparameters: n must be a positive int"):
        dl.sample_hyperparameters(rng, 0, SPACE)
    with pytest.raises(ValueError, match="sample_hyperparameters: rng must be a numpy Generator"):
        dl.sample_hyperparameters(None, 3, SPACE)
    with pytest.raises(ValueError, match="random_search: train_and_score returned a dict without 'score'"):
        dl.random_search(lambda **hp: {"acc": 1.0}, SPACE, 2, rng)
    with pytest.raises(ValueError, match="coarse_to_fine: no trial has a finite score"):
        dl.coarse_to_fine(SPACE, dl.random_search(lambda **hp: float("nan"), SPACE, 3, rng))
    with pytest.raises(ValueError, match="SearchResults.best: no trials yet"):
        dl.SearchResults().best()
