"""Course 3 library code: diagnosis, error analysis, metric helpers, quizzes, masked multi-task
loss (gradient-checked) and the synthetic tasks with known truth."""
import numpy as np
import pytest

import dlutils as dl


# --------------------------------------------------------------------------- diagnose
@pytest.mark.parametrize("human, train, dev, expected", [
    (1.0, 8.0, 10.0, "avoidable bias"),      # the lecture's cat example
    (7.5, 8.0, 10.0, "variance"),
    (0.5, 0.7, 0.9, "none"),
    (0.0, 0.0, 30.0, "variance"),
])
def test_diagnose_lecture_cases(human, train, dev, expected):
    assert dl.diagnose(human, train, dev).dominant == expected


def test_diagnose_four_errors_road_signs():
    d = dl.diagnose(0.5, 8.8, 14.3, train_dev_error=9.1, test_error=14.8)
    assert d.gaps == pytest.approx({"avoidable bias": 8.3, "variance": 0.3, "data mismatch": 5.2,
                                    "overfitting to dev": 0.5})
    assert d.dominant == "avoidable bias"
    d2 = dl.diagnose(0.5, 1.0, 10.0, train_dev_error=1.5)
    assert d2.dominant == "data mismatch" and "synthesize" in d2.next_steps[1]
    d3 = dl.diagnose(0.5, 1.0, 2.0, train_dev_error=1.2, test_error=6.0)
    assert d3.dominant == "overfitting to dev" and "bigger dev set" in d3.next_steps[0]
    assert "data mismatch" in str(d2)


def test_diagnose_surpassed_human():
    d = dl.diagnose(5.0, 3.0, 3.2)
    assert d.surpassed_human and d.gaps["avoidable bias"] < 0
    assert d.dominant.startswith("none (surpassed")
    assert dl.diagnose(5.0, 3.0, 8.0).dominant == "variance"


@pytest.mark.parametrize("kwargs, match", [
    (dict(human_error=-1, train_error=1, dev_error=2), "human_error must be an error rate in percent"),
    (dict(human_error=1, train_error=101, dev_error=2), "train_error .* between 0 and 100"),
    (dict(human_error=1, train_error=1, dev_error="x"), "dev_error must be an error rate"),
    (dict(human_error=1, train_error=1, dev_error=2, test_error=float("nan")), "test_error"),
])
def test_diagnose_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        dl.diagnose(**kwargs)


# --------------------------------------------------------------------------- error analysis
def test_error_analysis_tally_and_ceiling():
    wrong = np.array([1, 1, 1, 1, 0, 0, 1, 0, 0, 1], dtype=bool)
    causes = {"blur": [1, 1, 0, 0, 1, 0, 1, 0, 0, 0], "dark": [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
              "dog": np.zeros(10, bool)}
    rows = dl.error_analysis(wrong, causes, dev_error=10.0)
    assert [r["cause"] for r in rows] == ["blur", "dark", "dog"]
    assert rows[0]["count"] == 3 and rows[0]["share"] == pytest.approx(50.0)
    assert rows[0]["ceiling"] == pytest.approx(5.0) and rows[0]["best_error"] == pytest.approx(5.0)
    assert rows[2]["share"] == 0.0


def test_error_analysis_bad_input():
    with pytest.raises(ValueError, match="error_analysis: causes must be a dict"):
        dl.error_analysis([1, 0], [[1, 0]])
    with pytest.raises(ValueError, match="has 3 entries but misclassified has 2"):
        dl.error_analysis([1, 0], {"blur": [1, 0, 0]})
    with pytest.raises(ValueError, match="must hold True/False"):
        dl.error_analysis([2, 0], {"blur": [1, 0]})


# --------------------------------------------------------------------------- metric helpers
def test_dev_accuracy_spread_shrinks_like_one_over_sqrt_n(rng):
    correct = rng.random(20000) < 0.9
    s_small = dl.dev_accuracy_spread(correct, 100, 400, rng).std()
    s_big = dl.dev_accuracy_spread(correct, 2500, 400, rng).std()
    assert s_small / s_big == pytest.approx(5.0, rel=0.3)
    assert s_small == pytest.approx(dl.accuracy_standard_error(90, 100), rel=0.2)
    with pytest.raises(ValueError, match="dev-set size"):
        dl.dev_accuracy_spread(correct, 0, 10, rng)


def test_weighted_error():
    assert dl.weighted_error([1, 0, 0, 1], [1, 1, 0, 0], [1, 1, 1, 1]) == pytest.approx(50.0)
    assert dl.weighted_error([1, 0, 0, 1], [1, 1, 0, 0], [1, 1, 1, 10]) == pytest.approx(100 * 11 / 13)
    with pytest.raises(ValueError, match="one entry per example"):
        dl.weighted_error([1, 0], [1, 0, 1], [1, 1])
    with pytest.raises(ValueError, match="weights must be >= 0"):
        dl.weighted_error([1], [1], [-1])


def test_pick_model_optimizing_and_satisficing():
    cands = [{"dev_acc": 90, "time_ms": 1, "memory_kb": 5},
             {"dev_acc": 95, "time_ms": 5, "memory_kb": 50},
             {"dev_acc": 97, "time_ms": 20, "memory_kb": 500}]
    assert dl.pick_model(cands) == 2
    assert dl.pick_model(cands, limits={"time_ms": 10}) == 1
    assert dl.pick_model(cands, limits={"time_ms": 10, "memory_kb": 10}) == 0
    assert dl.pick_model(cands, limits={"memory_kb": 1}) is None
    assert dl.pick_model(cands, optimize="time_ms", maximize=False) == 0
    with pytest.raises(ValueError, match="have no 'latency'"):
        dl.pick_model(cands, limits={"latency": 1})
    with pytest.raises(ValueError, match="candidates is empty"):
        dl.pick_model([])


def test_prediction_time_and_memory(rng):
    net = dl.DeepNet([2, 3, 1], rng=rng)
    assert dl.parameter_memory(net.params) == 8 * (6 + 3 + 3 + 1)
    assert dl.prediction_time(net, rng.standard_normal((2, 10)), repeats=3) > 0


# --------------------------------------------------------------------------- quiz
def _question():
    return dl.Question("Train 8 %, dev 10 %, human 1 %: next?", ["more data", "bigger model"], 1,
                       ["variance is only 2 points.", "avoidable bias is 7 points."])


def test_check_answer_right_and_wrong():
    q = _question()
    good = dl.check_answer(q, "bigger model")
    assert good.correct and good.message.startswith("Right.") and "7 points" in good.message
    bad = dl.check_answer(q, 0)
    assert not bad.correct and "2 points" in bad.message and "'bigger model'" in bad.message


def test_question_and_answer_bad_input():
    with pytest.raises(ValueError, match="one explanation per choice"):
        dl.Question("?", ["a", "b"], 0, ["x"])
    with pytest.raises(ValueError, match="answer must index a choice"):
        dl.Question("?", ["a", "b"], 2, ["x", "y"])
    q = _question()
    with pytest.raises(ValueError, match="is not one of the choices"):
        dl.check_answer(q, "buy a GPU")
    with pytest.raises(ValueError, match="out of range"):
        dl.check_answer(q, 5)
    with pytest.raises(ValueError, match="no choice made"):
        dl.check_answer(q, None)


# --------------------------------------------------------------------------- masked loss
def _labels_with_missing(rng, shape, missing=0.3):
    Y = (rng.random(shape) < 0.5).astype(float)
    Y[rng.random(shape) < missing] = dl.MISSING
    return Y


def test_masked_loss_gradient_check(rng):
    Z = rng.standard_normal((4, 7))
    Y = _labels_with_missing(rng, Z.shape)
    cost, dZ = dl.masked_sigmoid_cross_entropy_with_logits(Z, Y)
    num = dl.numerical_gradient(lambda: dl.masked_sigmoid_cross_entropy_with_logits(Z, Y)[0], Z)
    assert dl.relative_error(dZ, num) < 1e-7
    assert np.all(dZ[Y == dl.MISSING] == 0)


def test_masked_loss_matches_plain_loss_without_missing_and_ignores_missing(rng):
    Z = rng.standard_normal((1, 9))
    Y = (rng.random((1, 9)) < 0.5).astype(float)
    c1, d1 = dl.masked_sigmoid_cross_entropy_with_logits(Z, Y)
    c2, d2 = dl.sigmoid_cross_entropy_with_logits(Z, Y)
    assert c1 == pytest.approx(c2) and np.allclose(d1, d2)
    Y2 = Y.copy()
    Y2[0, :3] = dl.MISSING
    Z2 = Z.copy()
    Z2[0, :3] = 50.0                    # whatever the net says about unknown labels costs nothing
    assert dl.masked_sigmoid_cross_entropy_with_logits(Z2, Y2)[0] == pytest.approx(
        dl.masked_sigmoid_cross_entropy_with_logits(Z, Y2)[0])
    assert np.isfinite(dl.masked_sigmoid_cross_entropy_with_logits(np.array([[1000.0, -1000.0]]),
                                                                   np.array([[0.0, 1.0]]))[0])


def test_masked_loss_bad_input():
    with pytest.raises(ValueError, match="Y must hold 0, 1 or MISSING"):
        dl.masked_sigmoid_cross_entropy_with_logits(np.zeros((1, 2)), np.array([[0.5, 1]]))
    with pytest.raises(ValueError, match=r"Z has shape \(2, 3\) but Y has shape \(3, 2\)"):
        dl.masked_sigmoid_cross_entropy_with_logits(np.zeros((2, 3)), np.zeros((3, 2)))


def test_multitask_net_gradient_check(rng):
    net = dl.MultiTaskNet([3, 5, 4, 2], rng=rng)
    X = rng.standard_normal((3, 6))
    Y = _labels_with_missing(rng, (2, 6))

    def cost_and_grads(params):
        net.params = params
        return net._loss(X, Y)
    res = dl.gradient_check(cost_and_grads, dict(net.params))
    assert res.difference < 1e-7, res


def test_multitask_net_learns_with_missing_labels(rng):
    X, Y, _ = dl.make_teacher_tasks(rng, 400, n_x=4, n_hidden=3, n_tasks=2)
    Ym = Y.astype(float)
    Ym[rng.random(Y.shape) < 0.3] = dl.MISSING
    net = dl.MultiTaskNet([4, 16, 2], rng=rng)
    h = dl.train(net, X, Ym, learning_rate=0.02, num_iterations=300, optimizer="adam", record_every=300)
    assert h.costs[-1] < 0.5 * np.log(2) * 2 * 0.7
    assert np.mean(net.predict(X) == Y) > 0.85
    with pytest.raises(ValueError, match=r"Y is \(n_tasks, m\)"):
        net.loss(X, Y[:1])


def test_hidden_features(rng):
    net = dl.DeepNet([3, 4, 5, 1], rng=rng)
    X = rng.standard_normal((3, 7))
    H = dl.hidden_features(net, X)
    assert H.shape == (5, 7) and np.all(H >= 0)
    with pytest.raises(ValueError, match="layer must be a hidden layer 1..2"):
        dl.hidden_features(net, X, layer=3)
    with pytest.raises(ValueError, match="expects a ReLU net"):
        dl.hidden_features(dl.DeepNet([3, 2, 1], rng=rng, hidden_activation="tanh"), X)


# --------------------------------------------------------------------------- synthetic data
def test_noisy_task_bayes_error_is_the_noise(rng):
    X, Y, Yc = dl.make_noisy_task(rng, 40000, 0.15)
    assert X.shape == (2, 40000) and Y.shape == Yc.shape == (1, 40000)
    assert np.array_equal(Yc, dl.wave_rule(X))
    assert 100 - dl.accuracy(dl.wave_rule(X), Y) == pytest.approx(15.0, abs=0.6)
    with pytest.raises(ValueError, match="label_noise must be below 0.5"):
        dl.make_noisy_task(rng, 10, 0.5)
    with pytest.raises(ValueError, match="rng must be a numpy Generator"):
        dl.make_noisy_task(0, 10, 0.1)


def test_annotator_error_grows_with_perception_noise(rng):
    X, Y, _ = dl.make_noisy_task(rng, 20000, 0.0)
    errs = [100 - dl.accuracy(dl.simulate_annotator(rng, X, s), Y) for s in (0.0, 0.1, 0.5)]
    assert errs[0] == 0 and errs[0] < errs[1] < errs[2]


def test_make_shapes_injects_causes_at_known_rates(rng):
    rates = {"blur": 0.3, "dark": 0.1, "occluded": 0.2, "mislabeled": 0.05}
    X, Y, causes = dl.make_shapes(rng, 8000, rates=rates)
    assert X.shape == (256, 8000) and Y.shape == (1, 8000) and X.min() >= 0 and X.max() <= 1
    for k, r in rates.items():
        assert causes[k].mean() == pytest.approx(r, abs=0.015)
    X0, Y0, c0 = dl.make_shapes(np.random.default_rng(1), 50)
    assert not any(v.any() for v in c0.values())
    with pytest.raises(ValueError, match="unknown cause"):
        dl.make_shapes(rng, 10, rates={"rain": 0.1})


def test_fog_and_blur(rng):
    X, _, _ = dl.make_shapes(rng, 20)
    F = dl.add_fog(rng, X, 0.5)
    assert F.shape == X.shape and F.std() < X.std()
    bank = dl.fog_bank(rng, 1)
    F1 = dl.add_fog(rng, X, 0.5, bank=bank)
    assert np.allclose(F1 - 0.5 * X, 0.5 * bank.reshape(-1, 1))
    img = np.zeros((1, 9, 9))
    img[0, 4, 4] = 1.0
    b = dl.blur_images(img, passes=1)
    assert b.sum() == pytest.approx(1.0) and b[0, 4, 4] == pytest.approx((6 / 16) ** 2)
    with pytest.raises(ValueError, match=r"add_fog: X must be \(256, m\)"):
        dl.add_fog(rng, X.T)


def test_teacher_and_pipeline_tasks(rng):
    X, Y, teacher = dl.make_teacher_tasks(rng, 3000, n_tasks=3)
    assert Y.shape == (3, 3000) and np.all(np.abs(Y.mean(axis=1) - 0.5) < 0.06)
    X2, Y2, _ = dl.make_teacher_tasks(rng, 10, teacher=teacher)
    assert X2.shape == (10, 10)
    Xp, Yp = dl.make_pipeline_task(rng, 100)
    assert Xp.shape == (6, 100) and set(np.unique(Yp)) <= {0, 1}
    with pytest.raises(ValueError, match="n_x must be >= 4"):
        dl.make_pipeline_task(rng, 10, n_x=3)
