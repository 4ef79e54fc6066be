"""Panels for generated sequences: a temperature slider that resamples names from a trained
character model (c5/02), and a temperature / length panel for melodies with a piano roll and
audio (c5/03). The work is library code: ``temperature_result`` and ``melody_result`` sample
with ``dl.sample_lm`` from a fresh ``np.random.default_rng(seed)`` (same slider value, same
samples) and score the samples; the panels only draw.
"""
import numpy as np

from .base import Panel, float_slider, int_slider
from ..text.char_lm import LM_HEAD, lm_loss, sample_lm, softmax_with_temperature
from ..text.music import melody_metrics, plot_piano_roll, render_melody
from ..text.vocab import lm_batch

__all__ = ["temperature_result", "temperature_panel", "melody_result", "melody_panel"]


def _first_logits(parameters):
    """Logits of the first token: ``x<1> = 0`` and ``a<0> = c<0> = 0``."""
    from ..nn.rnn import _sigmoid
    if "Wf" in parameters:
        c1 = _sigmoid(parameters["bi"]) * np.tanh(parameters["bc"])
        a1 = _sigmoid(parameters["bo"]) * np.tanh(c1)
    else:
        a1 = np.tanh(parameters["ba"])
    wk, bk = LM_HEAD["lstm" if "Wf" in parameters else "rnn"]
    return parameters[wk] @ a1 + parameters[bk]


def temperature_result(parameters, vocab, *, temperature, n=12, seed=0, known=(), end="\n", max_length=30):
    """Sample ``n`` names at ``temperature``; score them with the model at temperature 1.

    Returns ``samples``, ``nll`` (model's mean nats per character of the samples: low = the model
    finds them typical), ``novel`` (share not in ``known``), ``distinct`` (share of distinct
    samples), ``first_char`` (the distribution of the first character at this temperature).
    """
    rng = np.random.default_rng(seed)
    samples = sample_lm(parameters, vocab, rng, temperature=temperature, n=n, end=end, max_length=max_length)
    nll = lm_loss(parameters, *lm_batch(samples, vocab, end), need_grads=False)[0]
    known = set(known)
    first = softmax_with_temperature(_first_logits(parameters)[:, 0], temperature)
    novel = float(np.mean([s not in known for s in samples])) if known else None
    summary = (f"temperature {temperature:.2f}: {n} names, model NLL {nll:.2f} nats/char, "
               f"{len(set(samples))} distinct" + (f", {100 * novel:.0f} % not in the training set" if known else ""))
    return {"samples": samples, "nll": nll, "novel": novel, "distinct": len(set(samples)) / n,
            "first_char": first, "temperature": temperature, "summary": summary}


def temperature_panel(parameters, vocab, *, temperature=1.0, n=12, seed=0, known=(), end="\n"):
    """Slider ``temperature`` (0.1 to 2.5): resample ``n`` names and show them beside the first
    character's distribution at that temperature. ``panel.result`` holds ``temperature_result``."""
    controls = {"temperature": float_slider("temperature", temperature, 0.1, 2.5, 0.05)}

    def compute(temperature):
        return temperature_result(parameters, vocab, temperature=temperature, n=n, seed=seed,
                                  known=known, end=end)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, (ax_t, ax_p) = plt.subplots(1, 2, figsize=(9, 3.2), gridspec_kw={"width_ratios": [1, 1.6]})
        ax_t.axis("off")
        cols = [result["samples"][i::2] for i in range(2)]
        for c, names in enumerate(cols):
            for r, s in enumerate(names):
                ax_t.text(0.02 + 0.5 * c, 0.95 - r * 0.14, s or "(empty)", family="monospace",
                          fontsize=11, va="top", transform=ax_t.transAxes)
        ax_t.set_title("samples")
        p = result["first_char"]
        labels = [("\\n" if t == "\n" else t) for t in vocab.tokens]
        ax_p.bar(range(len(p)), p, color="tab:blue", label=f"T = {result['temperature']:.2f}")
        ax_p.set_xticks(range(len(p)), labels, fontsize=8)
        ax_p.set_xlabel("first character")
        ax_p.set_ylabel("probability")
        ax_p.set_ylim(0, max(0.3, float(p.max()) * 1.1))
        ax_p.legend(loc="upper right")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Sampling temperature")


def melody_result(parameters, vocab, *, temperature, length, n=24, seed=0, end="<end>", rate=8000):
    """Sample ``n`` pieces of at most ``length`` tokens at ``temperature``; the first one is
    rendered (``wave`` at ``rate``) and drawn. Returns ``pieces``, ``metrics`` (in key, tonic
    endings, full bars over the ``n`` pieces), ``wave``, ``rate``."""
    rng = np.random.default_rng(seed)
    pieces = sample_lm(parameters, vocab, rng, temperature=temperature, n=n, end=end, max_length=length)
    metrics = melody_metrics(pieces)
    first = next((p for p in pieces if any("/" in t for t in p)), None)
    wave = render_melody(first, rate=rate) if first else np.zeros(1)
    summary = (f"temperature {temperature:.2f}, up to {length} tokens: notes in key "
               f"{100 * metrics['in_key']:.0f} %, tonic endings {100 * metrics['tonic_ending']:.0f} %, "
               f"full bars {100 * metrics['full_bars']:.0f} %")
    return {"pieces": pieces, "metrics": metrics, "wave": wave, "rate": rate, "first": first,
            "temperature": temperature, "length": length, "summary": summary}


def melody_panel(parameters, vocab, *, temperature=1.0, length=45, n=24, seed=0, end="<end>", rate=8000,
                 audio=True):
    """Sliders ``temperature`` (0.2 to 2.0) and ``length`` (tokens, 10 to 80): resample, draw the
    first piece's piano roll, play it (``audio=True``) and report the structure metrics."""
    controls = {"temperature": float_slider("temperature", temperature, 0.2, 2.0, 0.05),
                "length": int_slider("length", length, 10, 80, 1)}

    def compute(temperature, length):
        return melody_result(parameters, vocab, temperature=temperature, length=length, n=n, seed=seed,
                             end=end, rate=rate)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(9, 3))
        if result["first"]:
            plot_piano_roll(ax, result["first"], title=f"sampled piece ({result['first'][0]})")
        fig.tight_layout()
        if audio and result["first"]:
            from IPython.display import Audio, display
            plt.show()
            display(Audio(result["wave"], rate=result["rate"]))

    return Panel(controls, compute, draw, title="Melody sampling")
