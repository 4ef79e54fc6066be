"""Co-occurrence counting, GloVe, word-vector operations, sentence models, the word sets."""
import numpy as np
import pytest

import dlutils as dl
from tests.nn.test_embedding import _num_grad


def _rel(a, b):
    return np.linalg.norm(a - b) / np.linalg.norm(a + b)


def test_cooccurrence_matches_loop_with_segments_and_rare_words():
    rng = np.random.default_rng(0)
    tokens = rng.integers(0, 9, 60)
    starts = np.array([0, 17, 30, 31])
    fast = dl.cooccurrence_counts(tokens, 7, 3, starts)
    ref = dl.cooccurrence_reference(tokens, 7, 3, starts)
    for f, r in zip(fast, ref):
        np.testing.assert_allclose(f, r)
    assert np.all(fast[0] < 7) and np.all(fast[1] < 7)


def test_cooccurrence_bad_input():
    with pytest.raises(ValueError, match="cooccurrence_counts: tokens must be a 1-D integer"):
        dl.cooccurrence_counts(np.zeros((2, 3), int), 5)


def test_glove_loss_gradient_check():
    rng = np.random.default_rng(1)
    V, n_e = 6, 3
    p = {"W": rng.normal(size=(n_e, V)), "Wc": rng.normal(size=(n_e, V)),
         "b": rng.normal(size=V), "bc": rng.normal(size=V)}
    rows, cols = np.array([0, 1, 1, 4, 5, 0]), np.array([1, 0, 3, 4, 2, 1])
    X = rng.uniform(0.5, 200, 6)
    _, grads = dl.glove_loss(p, rows, cols, X, x_max=50)
    for k in p:
        num = _num_grad(lambda: dl.glove_loss(p, rows, cols, X, x_max=50)[0], p[k])
        assert _rel(grads[k], num) < 1e-7, k


def test_glove_learns_a_planted_structure():
    # two word groups that only co-occur within the group: their vectors separate
    rng = np.random.default_rng(2)
    tokens = np.concatenate([rng.integers(0, 4, 2000), rng.integers(4, 8, 2000)])
    r, c, X = dl.cooccurrence_counts(tokens, 8, 2, starts=[0, 2000])
    E, hist = dl.train_glove(r, c, X, 8, 5, rng, epochs=60, learning_rate=0.1, x_max=10, n_tokens=4000)
    wv = dl.WordVectors(E, [str(i) for i in range(8)])
    assert hist["costs"][-1] < hist["costs"][0] and hist["tokens_per_s"] > 0
    assert all(int(w) < 4 for w, _ in dl.nearest_words(wv, "0", k=3))


def test_cosine_and_unknown_word_policy():
    assert dl.cosine_sim([1, 0], [2, 0]) == pytest.approx(1.0)
    assert dl.cosine_sim([1, 0], [0, 3]) == pytest.approx(0.0)
    assert dl.cosine_sim([1, 1], [-2, -2]) == pytest.approx(-1.0)
    assert dl.cosine_sim([0, 0], [1, 0]) == 0.0
    wv = dl.WordVectors(np.eye(3), ["a", "b", "c"])
    with pytest.raises(ValueError, match="'zebra' is not in the vocabulary"):
        wv["zebra"]
    with pytest.raises(ValueError, match="cosine_sim: u and v must be two vectors"):
        dl.cosine_sim(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="WordVectors: E must be"):
        dl.WordVectors(np.eye(3)[:, :2].T, ["a", "b"])


def test_analogy_vectorized_matches_loop_and_excludes_query_words():
    rng = np.random.default_rng(3)
    E = rng.normal(size=(6, 40))
    words = [f"w{i}" for i in range(40)]
    wv = dl.WordVectors(E, words)
    qs = [tuple(words[j] for j in rng.choice(40, 4, replace=False)) for _ in range(30)]
    acc, answers = dl.analogy_accuracy(wv, qs)
    for (a, b, c, _), ans in zip(qs, answers):
        u = wv.unit
        v = u[:, wv.id(b)] - u[:, wv.id(a)] + u[:, wv.id(c)]
        best = max((w for w in words if w not in (a, b, c)), key=lambda w: dl.cosine_sim(v, wv[w]))
        assert ans == best == dl.analogy(wv, a, b, c)
    # a planted analogy: d = b - a + c exactly
    E2 = E.copy()
    E2[:, 3] = (E[:, 1] / np.linalg.norm(E[:, 1]) - E[:, 0] / np.linalg.norm(E[:, 0])
                + E[:, 2] / np.linalg.norm(E[:, 2]))
    assert dl.analogy(dl.WordVectors(E2, words), "w0", "w1", "w2") == "w3"


def test_neutralize_and_equalize():
    rng = np.random.default_rng(4)
    g = rng.normal(size=5)
    e = rng.normal(size=5)
    assert abs(dl.neutralize(e, g) @ g) < 1e-12
    assert abs(dl.neutralize(e, 3 * g) @ g) < 1e-12          # any scale of g
    e1, e2 = rng.normal(size=5), rng.normal(size=5)
    e1, e2 = e1 / np.linalg.norm(e1), e2 / np.linalg.norm(e2)
    n1, n2 = dl.equalize(e1, e2, g)
    assert np.linalg.norm(n1) == pytest.approx(1) and np.linalg.norm(n2) == pytest.approx(1)
    w = dl.neutralize(rng.normal(size=5), g)
    assert np.linalg.norm(w - n1) == pytest.approx(np.linalg.norm(w - n2))
    gu = g / np.linalg.norm(g)
    assert n1 @ gu == pytest.approx(-(n2 @ gu))


def test_project_2d_keeps_the_main_direction():
    rng = np.random.default_rng(5)
    X = np.outer(rng.normal(size=4), np.linspace(-3, 3, 10)) + 0.01 * rng.normal(size=(4, 10))
    P = dl.project_2d(X)
    assert P.shape == (2, 10) and np.var(P[0]) > 100 * np.var(P[1])


# -- sentence models ---------------------------------------------------------------------------

def _toy(rng, m=4, T=5, n_e=3, V=8):
    ids = rng.integers(2, V, (m, T))
    ids[0, 3:] = 0
    ids[2, 1:] = 0
    E = rng.normal(size=(n_e, V))
    E[:, :2] = 0
    Y = np.eye(4)[rng.integers(0, 4, m)].T
    return ids, E, Y


def test_unk_policy_and_long_sentences():
    vocab = dl.sentence_vocab(["joy", "bread"])
    ids = dl.sentences_to_indices(["joy zebra", "Bread"], vocab, 3)
    assert ids.tolist() == [[2, 1, 0], [3, 0, 0]]
    E = np.array([[0.0, 0.0, 2.0, 4.0]])
    np.testing.assert_allclose(dl.average_embeddings(ids, E), [[1.0, 4.0]])   # <unk> counts, adds 0
    with pytest.raises(ValueError, match="sentences_to_indices: sentence 0 has 4 words but T_max is 3"):
        dl.sentences_to_indices(["a b c d"], vocab, 3)
    with pytest.raises(ValueError, match="average_embeddings: mask has shape"):
        dl.average_embeddings(ids, E, mask=np.ones((3, 2)))


def test_average_model_gradient_check():
    rng = np.random.default_rng(6)
    ids, E, Y = _toy(rng)
    p = {"W": rng.normal(size=(4, 3)), "b": rng.normal(size=(4, 1))}
    _, grads = dl.average_model_loss(p, ids, E, Y)
    for k in p:
        num = _num_grad(lambda: dl.average_model_loss(p, ids, E, Y)[0], p[k])
        assert _rel(grads[k], num) < 1e-7, k


def test_lstm_classifier_gradient_check_and_padding_mask():
    rng = np.random.default_rng(7)
    ids, E, Y = _toy(rng)
    p = dl.init_lstm_classifier(3, 4, 4, rng)
    for k in p:
        p[k] = p[k] + 0.3 * rng.normal(size=p[k].shape)
    _, grads = dl.lstm_classifier_loss(p, ids, E, Y)
    for k in p:
        num = _num_grad(lambda: dl.lstm_classifier_loss(p, ids, E, Y)[0], p[k])
        assert _rel(grads[k], num) < 1e-6, k
    # more padding does not change the prediction
    longer = np.concatenate([ids, np.zeros((4, 3), int)], axis=1)
    np.testing.assert_allclose(dl.lstm_classifier_loss(p, longer, E), dl.lstm_classifier_loss(p, ids, E))
    with pytest.raises(ValueError, match="lstm_classifier_loss: mask has shape"):
        dl.lstm_classifier_loss(p, ids, E, mask=np.ones((5, 4)))


# -- shipped word sets -------------------------------------------------------------------------

def test_word_sets_load_and_are_consistent():
    tokens, starts, words, counts = dl.load_kjv()
    assert tokens.size == counts.sum() == 791450 and starts[0] == 0
    assert words[:3] == ["the", "and", "of"]
    q = dl.load_analogies()
    assert {r[0] for r in q} == {"family", "plural", "past", "opposite"}
    index = {w: i for i, w in enumerate(words)}
    assert all(counts[index[w]] >= 20 for r in q for w in r[1:])
    d = dl.load_sentiment()
    train_words = {w for s, sp in zip(d["sentence"], d["split"]) if sp == "train" for w in s.split()}
    syn = [s for s, k in zip(d["sentence"], d["kind"]) if k == "synonym"]
    assert syn and all(any(w not in train_words for w in s.split()) for s in syn)
    E, vw = dl.load_kjv_vectors()
    assert E.shape == (50, 3000) and vw == words[:3000]
    assert all(w in set(vw) for s in d["sentence"] for w in s.split())
    assert len(dl.load_bias_corpus()) == 12000


def test_shipped_vectors_reach_the_documented_analogy_accuracy():
    E, words = dl.load_kjv_vectors()
    wv = dl.WordVectors(E, words)
    q = [r[1:] for r in dl.load_analogies() if all(w in wv for w in r[1:])]
    acc, _ = dl.analogy_accuracy(wv, q)
    assert len(q) == 1164 and acc == pytest.approx(0.3625, abs=0.002)        # DATA_CARD: 36.3 %


def test_bench_embeddings_quick_runs():
    import runpy
    from pathlib import Path
    mod = runpy.run_path(str(Path(__file__).resolve().parents[2] / "benchmarks" / "bench_embeddings.py"))
    rows = mod["main"](["--quick"])
    assert {r[0] for r in rows} >= {"co-occurrence (vectorized)", "GloVe AdaGrad epochs", "lookup fwd+bwd (dlutils)"}
