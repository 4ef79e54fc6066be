"""Course 3 panels that diagnose: bias vs variance on a task with known Bayes error, and the
case studies' answer-checking quizzes.

- ``bias_variance_panel(seed)``: sliders for label noise (= Bayes error), hidden units, lambd
  and training-set size; trains a small tanh net with Adam on ``make_noisy_task`` data, then
  ``dl.diagnose`` names the dominant problem and the next step of the basic recipe.
  The work is ``bias_variance_result`` (plain library code, unit-tested).
- ``quiz_panel(question)``: RadioButtons over the choices; every pick is checked with
  ``dl.check_answer`` and the explanation is shown.
Taught in: c3/02_human_level_performance, c3/05_case_studies.
"""
import numpy as np

from .base import Panel, log_slider, int_slider, float_slider, _w
from ..metrics import accuracy
from ..train.models import DeepNet
from ..train.training import train
from ..strategy import diagnose, check_answer
from ..data.strategy_tasks import make_noisy_task

__all__ = ["bias_variance_result", "bias_variance_panel", "quiz_panel"]


def bias_variance_result(*, noise_pct, hidden_units, lambd, m_train, seed=0, m_dev=1000,
                         num_iterations=300, learning_rate=0.02, on_progress=None):
    """Train ``DeepNet([2, h, h, 1], tanh)`` on fresh noisy data and diagnose its errors.

    The human-level proxy is the known Bayes error (``noise_pct``). Returns a dict with
    ``train_error``, ``dev_error``, ``bayes_error``, ``diagnosis`` and the data and model.
    ``on_progress(fraction)``, when given, runs ten times during training (the panel's badge).
    """
    rng = np.random.default_rng(seed)
    X, Y, _ = make_noisy_task(rng, int(m_train), noise_pct / 100)
    X_dev, Y_dev, _ = make_noisy_task(rng, int(m_dev), noise_pct / 100)
    h = int(hidden_units)
    net = DeepNet([2, h, h, 1], hidden_activation="tanh", initializer="xavier", rng=rng, lambd=lambd)
    hist = train(net, X, Y, learning_rate=learning_rate, num_iterations=num_iterations,
                 optimizer="adam", record_every=num_iterations if on_progress is None else max(1, num_iterations // 10),
                 on_divergence="stop",
                 callback=None if on_progress is None else
                 (lambda hh, _m: on_progress(hh.steps[-1] / num_iterations) and None))
    if hist.diverged:
        return {"error": hist.message}
    train_error = 100 - accuracy(net.predict(X), Y)
    dev_error = 100 - accuracy(net.predict(X_dev), Y_dev)
    d = diagnose(noise_pct, train_error, dev_error)
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    summary = (f"{d.dominant} -> next: {d.next_steps[0]}\n"
               f"Bayes {noise_pct:.1f} %, train {train_error:.1f} %, dev {dev_error:.1f} % "
               f"(avoidable bias {d.gaps['avoidable bias']:.1f}, variance {d.gaps['variance']:.1f})")
    return {"train_error": train_error, "dev_error": dev_error, "bayes_error": noise_pct,
            "diagnosis": d, "dominant": d.dominant, "model": net, "X": X, "Y": Y,
            "summary": summary}


def bias_variance_panel(seed=0, noise_pct=10.0, hidden_units=8, lambd=1e-3, m_train=500):
    """The live bias/variance panel (see the module docstring)."""
    controls = {
        "noise_pct": float_slider("label noise %", noise_pct, 0.0, 30.0, 1.0, readout_format=".0f"),
        "hidden_units": int_slider("hidden units", hidden_units, 1, 48),
        "lambd": log_slider("lambd", lambd, 1e-4, 10.0, readout_format=".1e"),
        "m_train": int_slider("train size m", m_train, 20, 1500, 20),
    }

    def compute(**v):
        return bias_variance_result(seed=seed, on_progress=progress, **v)

    def progress(fraction):   # shown in the fixed-width badge while it trains: the layout does not move
        if holder:
            holder[0].set_badge(f"training {100 * fraction:.0f} %")

    def draw(r):
        import matplotlib.pyplot as plt
        from ..plotting import plot_decision_boundary
        fig, (ax_b, ax_d) = plt.subplots(1, 2, figsize=(9.6, 3.8))
        names = ["Bayes\n(human proxy)", "train", "dev"]
        vals = [r["bayes_error"], r["train_error"], r["dev_error"]]
        bars = ax_b.bar(range(3), vals, 0.56, color=["#888", "#444", "#bbb"], edgecolor="#444")
        ax_b.set_xticks(range(3), names)
        ax_b.bar_label(bars, fmt="%.1f", padding=2)   # the values: a one-point gap is readable
        d = r["diagnosis"]
        # each gap is an arrow between the two bars it separates, named beside it
        top = max(vals)
        for x, lo, hi, name, colour in ((0.5, vals[0], vals[1], "avoidable bias", "#d08000"),
                                        (1.5, vals[1], vals[2], "variance", "#7b3fa0")):
            ax_b.plot([x - 0.22, x + 0.22], [lo, lo], color=colour, lw=1, ls=":")
            ax_b.plot([x - 0.22, x + 0.22], [hi, hi], color=colour, lw=1, ls=":")
            ax_b.annotate("", xy=(x, hi), xytext=(x, lo),
                          arrowprops={"arrowstyle": "<->", "color": colour, "lw": 2, "shrinkA": 0, "shrinkB": 0})
            ax_b.text(x, top * 1.13 + 0.6, f"{name}\n{d.gaps[name]:.1f}", ha="center", va="bottom",
                      color=colour, fontsize=9, fontweight="bold" if name == d.dominant else "normal")
        ax_b.set_ylim(0, 1.42 * top + 1.5)
        ax_b.set_ylabel("error %")
        ax_b.set_title(f"the bigger gap: {d.dominant}")
        model = r["model"]
        plot_decision_boundary(lambda G: model.predict(G), r["X"], r["Y"], ax=ax_d, resolution=80,
                               title=f"training set (m = {r['X'].shape[1]})")
        from matplotlib.lines import Line2D
        from ..plotting import CLASS_COLORS
        ax_d.legend(handles=[Line2D([], [], ls="", marker="o", mfc=CLASS_COLORS[k], mec="k", label=f"class {k}")
                             for k in (0, 1)], loc="upper right", fontsize=8, framealpha=0.9)
        fig.tight_layout()

    holder = []
    holder.append(Panel(controls, compute, draw, title="Avoidable bias or variance?"))
    return holder[0]


def quiz_panel(question, title="Your call"):
    """RadioButtons for ``question.choices``; each pick is checked and explained."""
    w = _w()
    choice = w.RadioButtons(options=list(question.choices), value=None,
                            layout=w.Layout(width="auto"), style={"description_width": "0px"})

    def compute(choice):
        if choice is None:
            return {"answered": False, "correct": None, "summary": "pick an answer"}
        fb = check_answer(question, choice)
        return {"answered": True, "correct": fb.correct, "message": fb.message,
                "summary": ("&#9989; " if fb.correct else "&#10060; ") + fb.message}

    def draw(r):
        pass

    # no "(0.00 s)" after the answer: checking a choice takes no time worth showing
    panel = Panel({"choice": choice}, compute, draw, title=title, columns=1, show_latency=False)
    panel.out.layout.min_height = "0px"
    return panel
