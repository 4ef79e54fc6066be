"""Attention maps of the date Transformer, per layer and head: type a date, pick the decoder
layer and head, see where each output character looked (cross-attention) and the translation.
Taught in: c5_sequence_models/08_transformer.
"""
import numpy as np

from ..nn.transformer_model import transformer_forward, transformer_greedy_decode
from ..text.dates import DATE_START, DATE_T_X, decode_iso, date_transformer_ids, encode_dates
from .base import Panel, _w, int_slider

__all__ = ["transformer_attention_result", "transformer_attention_panel"]


def transformer_attention_result(text, parameters, config, layer=1, head=0):
    """Greedy translation of ``text`` and the cross-attention ``(T_y, len(text))`` of (layer, head)."""
    text = text.lower().strip()[:DATE_T_X]
    src = date_transformer_ids(encode_dates([text], unknown="unk"))
    out = transformer_greedy_decode(src, parameters, config, DATE_START, 10)
    tin = np.concatenate([[[DATE_START]], out[:, :-1]], axis=1)
    _, _, W = transformer_forward(src, tin, parameters, config, return_weights=True)
    layer = min(int(layer), config.n_dec - 1)
    head = min(int(head), config.num_heads - 1)
    iso = decode_iso(np.clip(out[0] - 1, 0, 10))
    A = W["dec_cross"][layer][0, head, :, :max(len(text), 1)]
    return {"text": text, "translation": iso, "layer": layer, "head": head, "attention": A,
            "summary": f"{text!r} -> {iso} (decoder layer {layer}, head {head})"}


def transformer_attention_panel(parameters, config, text="08 sep 1999", layer=None, head=0):
    """Build the panel (text box, layer, head). ``panel.result`` holds the last map."""
    w = _w()
    layer = config.n_dec - 1 if layer is None else layer
    controls = {"text": w.Text(value=text, description="date", continuous_update=False),
                "layer": int_slider("decoder layer", layer, 0, config.n_dec - 1),
                "head": int_slider("head", head, 0, config.num_heads - 1)}

    def compute(text, layer, head):
        return transformer_attention_result(text, parameters, config, layer, head)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(9, 3.2))
        im = ax.imshow(result["attention"], cmap="magma", aspect="auto", vmin=0, vmax=1)
        fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02).set_label("attention weight")
        ax.set_xticks(range(len(result["text"])))
        ax.set_xticklabels([c if c != " " else "\u2423" for c in result["text"]])   # a visible space
        ax.set_yticks(range(10))
        ax.set_yticklabels(list(result["translation"]))
        ax.set_xlabel("input character")
        ax.set_ylabel("output character")
        ax.set_title(f"cross-attention, decoder layer {result['layer']}, head {result['head']}")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Transformer attention per head", columns=3)
