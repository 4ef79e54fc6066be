"""Latency of the live training panel: slider value change -> finished redraw.

Builds ``dl.widgets.training_panel`` in a plain Python process (no front end: the frames are
rendered to PNG and "displayed" into the panel's Output exactly as in a notebook), then sets
the learning_rate, lambd and keep_prob sliders ~20 times and times each change, which runs the
callback synchronously: retrain from the same initial parameters, draw the frames, draw the
final picture. Prints a table and the median / worst. Outside a kernel, ``display`` into an
Output widget prints each frame's repr (``<IPython.core.display.Image object>``): the script
swallows that stdout while the panel works, so only its table is printed.

Problem: the Course 2 regularization set (datasets/noisy_2d.h5, ~200 2-D points) when it
exists, else dl.make_moons; net [2, 20, 3, 1], Adam, full batch.

    python benchmarks/bench_panel_latency.py [--steps 1000] [--changes 20]

The machine is shared: besides wall time the script reports the CPU time the process used
per change (time.process_time; on an idle core wall time ~= CPU time for this single-threaded
work) and times a fixed numpy workload before and after, so a reader can tell a slow machine
from a slow panel.
"""
import argparse
import contextlib
import io
import os
import time

import numpy as np

import dlutils as dl
from dlutils.widgets.training_panel import training_panel, fit_2d


def load_problem(rng):
    try:
        ds = dl.load_dataset("noisy_2d")
        return "noisy_2d", ds.train_x, ds.train_y, ds.test_x, ds.test_y
    except Exception:  # not built yet
        X, Y = dl.make_moons(rng, m=200, noise=0.3)
        Xd, Yd = dl.make_moons(rng, m=200, noise=0.3)
        return "make_moons noise 0.3 (noisy_2d.h5 not found)", X, Y, Xd, Yd


def reference_workload():
    """A fixed numpy workload (~ what one panel training does); seconds, median of 3."""
    rng = np.random.default_rng(0)
    A, W = rng.standard_normal((2, 200)), rng.standard_normal((20, 2))
    ts = []
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(2000):
            Z = W @ A
            np.maximum(Z, 0).sum(axis=1)
        ts.append(time.perf_counter() - t)
    return float(np.median(ts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--changes", type=int, default=20)
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    name, X, Y, Xd, Yd = load_problem(rng)
    ref0 = reference_workload()
    frames_repr = io.StringIO()      # what display() prints outside a kernel: not ours to show
    t = time.perf_counter()
    with contextlib.redirect_stdout(frames_repr):
        panel = training_panel(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01,
                               num_iterations=args.steps, rng=rng)
    build = time.perf_counter() - t
    # fit alone and one render alone, to split the latency
    fit_t = []
    for _ in range(3):
        t = time.perf_counter()
        fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=args.steps)
        fit_t.append(time.perf_counter() - t)
    render_t = []
    for _ in range(5):
        t = time.perf_counter()
        panel._canvas.png()
        render_t.append(time.perf_counter() - t)

    plan = []
    lrs, lambds, kps = [0.003, 0.03, 0.01, 0.05, 0.02], [0.1, 0.7, 0.3, 1.5, 0.0], [0.9, 0.7, 0.8, 1.0]
    for i in range(args.changes):
        which = ("learning_rate", "lambd", "keep_prob")[i % 3]
        pool = {"learning_rate": lrs, "lambd": lambds, "keep_prob": kps}[which]
        plan.append((which, pool[(i // 3) % len(pool)]))
    rows = []
    for which, value in plan:
        if panel.controls[which].value == value:
            value = {"learning_rate": 0.015, "lambd": 0.05, "keep_prob": 0.95}[which]
        t, c = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(frames_repr):
            panel.controls[which].value = value      # runs the callback synchronously
        lat, cpu = time.perf_counter() - t, time.process_time() - c
        r = panel.result
        rows.append((which, value, lat, cpu, r["frames"], r["train_acc"], r["dev_acc"], r["weight_norm"]))
    ref1 = reference_workload()

    print(f"problem: {name}, net [2, 20, 3, 1], Adam full batch, {args.steps} steps, "
          f"BLAS threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
    print(f"panel built and first picture in {build:.2f} s; fit alone median {np.median(fit_t):.3f} s; "
          f"one frame render median {np.median(render_t) * 1000:.0f} ms")
    print(f"{'control':<14}{'value':>8}{'latency s':>11}{'cpu s':>8}{'frames':>8}{'train %':>9}{'dev %':>7}{'||W||':>8}")
    for which, value, lat, cpu, fr, ta, da, wn in rows:
        ta = f"{ta:.1f}" if ta is not None else "div"
        da = f"{da:.1f}" if da is not None else "div"
        print(f"{which:<14}{value:>8g}{lat:>11.3f}{cpu:>8.3f}{fr:>8d}{ta:>9}{da:>7}{wn:>8.2f}")
    lats = np.array([r[2] for r in rows])
    cpus = np.array([r[3] for r in rows])
    print(f"\nlatency value change -> finished redraw over {len(rows)} changes: "
          f"median {np.median(lats):.3f} s, worst {lats.max():.3f} s, best {lats.min():.3f} s")
    print(f"CPU time of this process per change (what the wall time would be on an idle core): "
          f"median {np.median(cpus):.3f} s, worst {cpus.max():.3f} s")
    print(f"reference numpy workload: {ref0 * 1000:.0f} ms before, {ref1 * 1000:.0f} ms after "
          f"(the same before and after = steady load); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
