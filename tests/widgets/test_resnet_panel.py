"""The plain-vs-residual depth panel: draws at its default, retrains when the slider moves,
reuses remembered runs, and shows errors instead of raising."""
import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


def test_panel_draws_moves_and_reuses_runs():
    X, Y = dl.make_bars(np.random.default_rng(0), 48)
    runs = {}
    panel = dl.widgets.resnet_depth_panel(X, Y, depth=0, seed=1, runs=runs, num_epochs=2, max_depth=4)
    r0 = panel.result
    assert "error" not in r0 and r0["depth"] == 0 and set(runs) == {(0, False), (0, True)}
    assert r0["plain_cost"] == pytest.approx(r0["residual_cost"])    # no blocks: the two nets are one net
    panel.controls["depth"].value = 2
    r2 = panel.result
    assert r2["depth"] == 2 and set(runs) == {(0, False), (0, True), (2, False), (2, True)}
    assert len(r2["pair"]["plain"]["grad_norms"]) == 3 and "depth 2" in r2["summary"]
    before = dict(runs)
    panel.controls["depth"].value = 0
    assert panel.result["plain_cost"] == r0["plain_cost"] and runs == before      # remembered, not retrained


def test_panel_reports_errors_in_the_status_line():
    X, Y = dl.make_bars(np.random.default_rng(0), 16)
    panel = dl.widgets.resnet_depth_panel(X[:, :, :, 0], Y, depth=0, num_epochs=1)   # wrong layout
    assert "error" in panel.result and "ValueError" in panel.result["error"]


def test_progress_goes_in_the_badge_and_ticks_are_whole_numbers():
    """While it trains the badge names the net (plain 1/2, residual 2/2) and the status keeps the
    last summary (swapping the status for a progress line moves the layout); layer and epoch axes
    show whole numbers only."""
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    X, Y = dl.make_bars(np.random.default_rng(0), 32)
    panel = dl.widgets.resnet_depth_panel(X, Y, depth=0, seed=1, num_epochs=2, max_depth=4)
    status, badges = [], []
    panel.status.observe(lambda ch: status.append(ch["new"]), names="value")
    panel.badge.observe(lambda ch: badges.append(ch["new"]), names="value")
    panel.controls["depth"].value = 2
    assert any("plain (1/2)" in b for b in badges) and any("residual (2/2)" in b for b in badges)
    assert len(status) == 1 and "depth 2" in status[0], "the status changes once, to the new summary"
    fig = plt.gcf()
    fig.canvas.draw()
    for ax in fig.axes:
        ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
        assert all(float(t).is_integer() for t in ticks), ticks
    assert_readable(fig, "resnet panel")
