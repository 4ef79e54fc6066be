"""Panels for word vectors and sentence classifiers: type a word and see its nearest neighbours
(c5/05), type a sentence and see the class probabilities of two models (c5/06). Both are
driven from code by setting ``panel.controls["word"].value`` / ``["sentence"].value``.
Taught in: c5_sequence_models/05_word_embeddings, 06_sentiment_classification.
"""
import numpy as np

from .base import Panel, _w, int_slider

__all__ = ["neighbours_panel", "sentence_panel"]


def neighbours_panel(wv, word="king", k=8):
    """Text box (a word) and a slider (how many neighbours); ``panel.result["neighbours"]``."""
    from ..text.word_vectors import nearest_words
    controls = {"word": _w().Text(value=word, description="word", continuous_update=False),
                "k": int_slider("neighbours", k, 3, 15)}

    def compute(word, k):
        word = word.strip().lower()
        if word not in wv:
            return {"word": word, "neighbours": [], "summary": f"{word!r} is not in the vocabulary "
                    f"({len(wv.words)} words); no vector, no neighbours"}
        nb = nearest_words(wv, word, k)
        return {"word": word, "neighbours": nb, "summary": f"nearest to {word!r}: " + ", ".join(w for w, _ in nb)}

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(6, 3))
        nb = result["neighbours"]
        bars = ax.barh([w for w, _ in nb][::-1], [s for _, s in nb][::-1], color="tab:blue")
        ax.bar_label(bars, fmt="%.3f", padding=2, fontsize=9)   # the values: close neighbours differ by 0.01
        ax.set_xlabel("cosine similarity")
        ax.set_xlim(0, 1.12)
        ax.set_title(f"neighbours of {result['word']!r}")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Nearest neighbours")


def sentence_panel(models, labels, sentence="i am not glad at all"):
    """``models``: {name: function(sentence) -> probabilities (C,)}. A text box; the bars show each
    model's probabilities; ``panel.result["predictions"]`` maps model name -> label."""
    controls = {"sentence": _w().Text(value=sentence, description="sentence", continuous_update=False,
                                      layout=_w().Layout(width="420px"))}

    def compute(sentence):
        probs = {name: np.asarray(f(sentence), float).ravel() for name, f in models.items()}
        pred = {name: labels[int(np.argmax(p))] for name, p in probs.items()}
        return {"sentence": sentence, "probs": probs, "predictions": pred,
                "summary": "; ".join(f"{n}: {p}" for n, p in pred.items())}

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3))
        x = np.arange(len(labels))
        width = 0.8 / len(result["probs"])
        for j, (name, p) in enumerate(result["probs"].items()):
            bars = ax.bar(x + j * width, p, width, label=name)
            ax.bar_label(bars, labels=[f"{v:.2f}" if v >= 0.02 else "" for v in p], padding=1, fontsize=8)
        ax.set_xticks(x + 0.4 - width / 2, labels)
        ax.set_ylabel("probability")
        ax.set_ylim(0, 1.1)
        ax.set_title(repr(result["sentence"]))
        ax.legend()
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Classify your own sentence", columns=1)
