"""Live date translation: type a date, read the model's ISO translation (greedy and beam search)
and its attention map. Unknown characters map to ``<unk>`` (the panel never raises on them).
Taught in: c5_sequence_models/07_attention_date_translation.
"""
import numpy as np

from ..text.beam_search import beam_search, greedy_decode
from ..text.dates import DATE_T_X, HUMAN_VOCAB, MACHINE_VOCAB, decode_iso, encode_dates
from ..text.seq2seq import seq2seq_predict, seq2seq_step_function
from ..text.vocab import one_hot_indices
from .base import Panel, _w, int_slider

__all__ = ["translate_date_result", "date_translation_panel"]


def translate_date_result(text, parameters, config, beam_width=3):
    """Translate one human date: greedy and beam outputs with their log-probabilities, attention map."""
    text = text.lower().strip()[:DATE_T_X]
    X = one_hot_indices(encode_dates([text], unknown="unk"), config.V_h)
    ids, alphas = seq2seq_predict(X, parameters, config, return_alphas=True)
    step, state = seq2seq_step_function(X, parameters, config)
    g, g_lp = greedy_decode(step, state, 10)
    beams = beam_search(step, state, 10, beam_width=beam_width, alpha=0.0)
    greedy, beam = decode_iso(g), decode_iso(beams[0][0])
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    summary = (f"{text!r} -> {greedy} (greedy), {beam} (beam of {beam_width})\n"
               f"log P of the output: greedy {g_lp:.3f}, beam {beams[0][1]:.3f}")
    return {"text": text, "greedy": greedy, "greedy_log_prob": g_lp, "beam": beam,
            "beam_log_prob": beams[0][1], "beams": [(decode_iso(h), lp) for h, lp, _ in beams],
            "alphas": alphas[:, 0, :max(len(text), 1)], "ids": ids[0], "summary": summary}


def date_translation_panel(parameters, config, text="tuesday october 6 2009", beam_width=3):
    """Build the panel (a text box and the beam width). ``panel.result`` holds the last translation."""
    w = _w()
    controls = {"text": w.Text(value=text, description="date", continuous_update=False),
                "beam_width": int_slider("beam width", beam_width, 1, 8)}

    def compute(text, beam_width):
        return translate_date_result(text, parameters, config, beam_width)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(9, 3.2))
        im = ax.imshow(result["alphas"], cmap="viridis", aspect="auto", vmin=0, vmax=1)
        fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02).set_label("attention weight")
        ax.set_xticks(range(len(result["text"])))
        ax.set_xticklabels([c if c != " " else "\u2423" for c in result["text"]])   # a visible space
        ax.set_yticks(range(10))
        ax.set_yticklabels(list(result["greedy"]))
        ax.set_xlabel("input character t'")
        ax.set_ylabel("output character t")
        ax.set_title(f"attention alpha<t, t'>: {result['greedy']}")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Translate your own date")
