"""The real-browser test: JupyterLab in headless Chromium, driven as a learner would.

It starts JupyterLab on 127.0.0.1 (free port, known token, temp settings/runtime/config dirs)
serving a temp COPY of notebooks/ (autosave never touches the repository), opens the
regularization notebook, runs all cells from the Run menu, then moves the learning-rate,
lambda and keep_prob sliders of its live panel three ways - keyboard on the noUiSlider
handle, a mouse drag, a typed value in the readout + Enter - and after each checks that
the panel's metrics text shows the new value and that its plot image was redrawn, with no
errors in the page console. A second test opens c2/04 and c3/02 and checks that three more
panels open at their defaults, fit their labels and keep their height across a retrain. On
failure it saves screenshots and the console log into a temp artifacts dir and prints the path.

Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python (never run
`playwright install`). Without them the test skips with the reason, unless
DLWB_REQUIRE_BROWSER=1 (CI), which turns the skip into a failure.
DLWB_BROWSER_NOTEBOOK=<path to an .ipynb> drives another notebook with the same three
sliders instead (copied into the temp root).
See CONTRIBUTING.md, "The real-browser test", for the facts this relies on.
"""
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = "c2_improving_deep_neural_networks/02_regularization.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"   # restored hidden tabs would match too
RUN_ALL_TIMEOUT = 240     # s: the notebook's own budget is 90 s; leave room on a busy machine
PANEL_TIMEOUT = 90        # s: one slider change retrains and redraws (under 1 s when idle)

# Console messages of type error that are not failures of the workbook: (regex, why it is harmless).
# Empty on purpose: JupyterLab 4.6 + ipywidgets 8.1 on this setup log no errors (only debug
# lines). Add an entry only with the reason; a broad pattern (e.g. any 404) would hide a widget
# bundle that fails to load.
HARMLESS_CONSOLE = []


def _require_or_skip(reason):
    if os.environ.get("DLWB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"DLWB_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=2.0):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


@pytest.fixture(scope="module")
def sync_playwright():
    if not Path(CHROMIUM).exists():
        _require_or_skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _require_or_skip(f"playwright is not importable ({exc}); pip install -r requirements.txt")
    return sync_playwright


@pytest.fixture(scope="module")
def lab_server(sync_playwright):
    """JupyterLab serving a temp copy of notebooks/; yields (base_url, token, root, notebook path)."""
    tmp = Path(tempfile.mkdtemp(prefix="dlwb-lab-"))
    root = tmp / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    nb_rel = f"notebooks/{NOTEBOOK}"
    override = os.environ.get("DLWB_BROWSER_NOTEBOOK")
    if override:
        shutil.copy(override, root / "notebooks" / Path(override).name)
        nb_rel = f"notebooks/{Path(override).name}"
    settings = tmp / "settings"
    for plugin, values in {
        # the "Jupyter news" pop-up covers the notebook
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # attach every cell to the DOM so prompts and outputs of all cells can be read
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    }.items():
        f = settings / f"{plugin}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)   # tests/conftest.py sets Agg; the kernel must draw inline PNGs
    env.update(JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTER_DATA_DIR=str(tmp / "data"), PYTHONUNBUFFERED="1")
    port, token = _free_port(), secrets.token_hex(16)
    jupyter = [sys.executable, "-m", "jupyter", "lab"]
    if shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) is None:
        pytest.fail(f"jupyterlab is not installed next to {sys.executable}; pip install -r requirements.txt")
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen(
        jupyter + ["--allow-root", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                   "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
                   f"--ServerApp.root_dir={root}", "--LabApp.news_url=", "--ServerApp.open_browser=False"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}; log:\n{(tmp / 'server.log').read_text()[-3000:]}")
            try:
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer /api/status within 60 s; log in {tmp / 'server.log'}")
            time.sleep(0.25)
        yield base, token, tmp, nb_rel
    finally:
        # stop the server (and the kernels it started: same session/process group) by its pid
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


class Panel:
    """Locators and readers for the live panel in the visible notebook."""

    def __init__(self, page):
        self.page = page
        nb = page.locator(VISIBLE)
        # the outermost widget box that holds the lambd slider and an output area
        self.root = nb.locator(".widget-vbox:has(.widget-label:text-matches('^lambd')):has(.widget-output)").first

    def slider(self, name):
        """The slider whose description starts with ``name`` (e.g. 'lambd' finds 'lambd (L2)')."""
        return self.root.locator(f".widget-slider:has(.widget-label:text-matches('^{name}( |$)'))").first

    def readout(self, name):
        return self.slider(name).locator(".widget-readout")

    def value(self, name):
        return float(self.readout(name).inner_text().strip())

    def text(self):
        return " ".join(t.strip() for t in self.root.locator(".widget-html").all_inner_texts())

    def image(self):
        return "|".join(img.get_attribute("src") or "" for img in self.root.locator(".widget-output img").all())

    def wait_redrawn(self, name, old_text, old_image, rel_tol):
        """Wait for the final committed value: new metrics text (not a progress line), new image,
        and where the text names the value (``name=value``) it must match the readout."""
        deadline = time.monotonic() + PANEL_TIMEOUT
        last = None
        while time.monotonic() < deadline:
            value = self.value(name)
            text, image = self.text(), self.image()
            shown = _shown_value(text, name)
            last = (value, shown, text)
            if (not re.search(r"(running|training)\.\.\.", text) and text != old_text and image
                    and image != old_image
                    and (shown is None or abs(shown - value) <= rel_tol * abs(value) + 1e-12)):
                # settle: no further change pending (each committed change reruns the callback)
                self.page.wait_for_timeout(500)
                if self.text() == text and self.image() == image and self.value(name) == value:
                    return value, text
            self.page.wait_for_timeout(200)
        raise AssertionError(f"panel did not redraw for {name}: readout, value in text, text = {last}")


def _metric(text, label):
    """A number after ``label`` in the panel's text, e.g. 'weight norm 3.52'."""
    m = re.search(rf"{label}\s*[=:]?\s*([-+]?\d[\d.]*(?:e[-+]?\d+)?)", text)
    return float(m.group(1)) if m else None


def _shown_value(text, name):
    m = re.search(rf"{re.escape(name)}\s*[=:]\s*([-+]?\d[\d.]*(?:e[-+]?\d+)?)", text)
    return float(m.group(1)) if m else None


SHOTS = os.environ.get("DLWB_PANEL_SHOTS")   # a directory: save a screenshot of each panel checked
BUSY = re.compile(r"running\.\.\.|training( \d+ %|\.\.\.)|\(\d+/\d+\)|epoch \d+/\d+")   # the badge while a panel works

# every control description and label in a panel: its text must fit (scrollWidth <= clientWidth)
CLIPPED_JS = """root => Array.from(root.querySelectorAll('.widget-label, .widget-label-basic, .widget-description'))
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.textContent.trim()} (${e.scrollWidth} > ${e.clientWidth} px)`)"""


def _no_clipped_text(root, what):
    clipped = root.evaluate(CLIPPED_JS)
    assert not clipped, f"{what}: text cut off in labels: {clipped}"


def _fixed_height_retrain(page, root, handle, what, key="ArrowLeft"):
    """Move a slider by one key press and sample the panel's height before, during and after the
    retrain (every ~50 ms until the redraw has settled): it must not change (a swapped status
    line made panels jump 29-75 px). Returns the heights and whether a busy badge was seen."""
    def html():
        return " ".join(t.strip() for t in root.locator(".widget-html").all_inner_texts())

    def img():
        return "|".join(i.get_attribute("src") or "" for i in root.locator(".widget-output img").all())

    old_text, old_img = html(), img()
    heights = [root.bounding_box()["height"]]
    handle.focus()
    handle.press(key)
    deadline, done_at, saw_busy = time.monotonic() + PANEL_TIMEOUT, None, False
    while time.monotonic() < deadline:
        heights.append(root.bounding_box()["height"])
        text, image = html(), img()
        saw_busy = saw_busy or bool(BUSY.search(text))
        if not BUSY.search(text) and image and image != old_img and text != old_text:
            done_at = done_at or time.monotonic()
            if time.monotonic() - done_at > 0.6:
                break
        else:
            done_at = None
        page.wait_for_timeout(50)
    assert done_at is not None, f"{what}: the panel did not redraw after {key}"
    assert max(heights) - min(heights) <= 2, \
        f"{what}: the panel's height changed during a retrain: {sorted(set(round(h) for h in heights))} px"
    return heights, saw_busy


def _wait_kernel_ready(page, base, token, nb_rel, timeout=90):
    """The notebook's session has a started kernel that is idle, and every cell is in the DOM.

    The front end's execution indicator says 'idle' before the kernel even exists, so ask the
    server for the session too."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            sessions = json.loads(_get(f"{base}/api/sessions?token={token}")[1])
        except OSError:
            sessions = []
        ready = [s for s in sessions if s.get("path", "").endswith(Path(nb_rel).name)
                 and (s.get("kernel") or {}).get("execution_state") == "idle"]
        if ready and page.locator(f"{VISIBLE} .jp-Notebook-ExecutionIndicator[data-status='idle']").count():
            return
        _accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise AssertionError(f"the kernel of {nb_rel} did not become idle within {timeout} s: {sessions}")
        page.wait_for_timeout(300)


def _accept_kernel_dialog(page):
    """If JupyterLab asks which kernel to use, take the preferred one (python3), as a learner would."""
    dialog = page.locator(".jp-Dialog:has-text('Select Kernel')")
    if dialog.count():
        dialog.locator(".jp-mod-accept").click()


def _run_all(page, n_code):
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item:has(.lm-Menu-itemLabel:text-is('Run All Cells'))").click()
    nb = page.locator(VISIBLE)
    deadline = time.monotonic() + RUN_ALL_TIMEOUT
    while True:
        _accept_kernel_dialog(page)
        prompts = nb.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        done = sum(1 for p in prompts if re.fullmatch(r"\[\d+\]:", p.strip()))
        errors = nb.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
        if errors.count():
            raise AssertionError("a cell raised:\n" + errors.first.inner_text()[:3000])
        if done == n_code:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"Run All did not finish in {RUN_ALL_TIMEOUT} s: {done}/{n_code} cells ran")
        page.wait_for_timeout(500)


def test_sliders_in_jupyterlab(lab_server, sync_playwright):
    base, token, tmp, nb_rel = lab_server
    artifacts = Path(tempfile.mkdtemp(prefix="dlwb-browser-artifacts-"))
    console, page_errors = [], []
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            user_data_dir=str(tmp / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.on("console", lambda m: console.append((m.type, m.text)))
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        step = "open"
        try:
            page.goto(f"{base}/lab/tree/{nb_rel}?reset&token={token}", timeout=60_000)
            page.locator(f"{VISIBLE} .jp-Notebook").wait_for(timeout=60_000)
            step = "wait for the kernel"
            cells = json.loads((tmp / "root" / nb_rel).read_text())["cells"]
            n_code = sum(1 for c in cells if c["cell_type"] == "code")
            _wait_kernel_ready(page, base, token, nb_rel)
            page.wait_for_function(
                f"document.querySelectorAll('{VISIBLE} .jp-CodeCell').length === {n_code}", timeout=60_000)

            step = "run all cells"
            _run_all(page, n_code)
            panel = Panel(page)
            panel.root.wait_for(timeout=60_000)
            panel.root.locator(".widget-output img").first.wait_for(timeout=PANEL_TIMEOUT * 1000)
            page.screenshot(path=str(artifacts / "1_after_run_all.png"))

            # 1. keyboard on the learning-rate handle: four steps down (log slider)
            step = "keyboard on learning_rate"
            old_text, old_image, old = panel.text(), panel.image(), panel.value("learning_rate")
            handle = panel.slider("learning_rate").locator(".noUi-handle")
            handle.focus()
            for _ in range(4):
                handle.press("ArrowLeft")
            value, text = panel.wait_redrawn("learning_rate", old_text, old_image, rel_tol=0.06)
            assert value < old, f"ArrowLeft should lower learning_rate: {old} -> {value}"

            # 2. mouse drag on the lambda handle: to the right (stronger L2)
            step = "drag lambd"
            old_text, old_image, old = panel.text(), panel.image(), panel.value("lambd")
            box = panel.slider("lambd").locator(".noUi-handle").bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + 60, y, steps=8)
            page.mouse.up()
            value, text = panel.wait_redrawn("lambd", old_text, old_image, rel_tol=0.06)
            assert value > old, f"dragging right should raise lambd: {old} -> {value}"
            norm_before, norm_after = _metric(old_text, "weight norm"), _metric(text, "weight norm")
            # the lesson, seen in the browser: stronger L2, smaller weights
            assert norm_before is not None and norm_after is not None, f"no 'weight norm' in: {text}"
            assert norm_after < norm_before, f"lambd {old} -> {value} should shrink the weight norm: " \
                                             f"{norm_before} -> {norm_after}"

            # 3. a typed value in the keep_prob readout + Enter
            step = "typed keep_prob"
            old_text, old_image = panel.text(), panel.image()
            target = 0.7 if abs(panel.value("keep_prob") - 0.7) > 0.05 else 0.9
            readout = panel.readout("keep_prob")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(f"{target}")
            page.keyboard.press("Enter")
            value, text = panel.wait_redrawn("keep_prob", old_text, old_image, rel_tol=0.02)
            assert abs(value - target) < 1e-9, f"typed keep_prob {target}, readout shows {value}"
            page.screenshot(path=str(artifacts / "2_after_sliders.png"))

            step = "training panel: fixed height and no clipped text"
            _no_clipped_text(panel.root, "training panel")
            heights, _ = _fixed_height_retrain(page, panel.root, panel.slider("learning_rate").locator(".noUi-handle"),
                                               "training panel", key="ArrowRight")
            print(f"training panel: {len(heights)} height samples, {min(heights):.0f}-{max(heights):.0f} px")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                panel.root.screenshot(path=str(Path(SHOTS) / "c2_02_training_panel.png"))

            step = "console"
            bad = [f"{kind}: {text}" for kind, text in console if kind == "error"
                   and not any(re.search(rx, text) for rx, _ in HARMLESS_CONSOLE)]
            assert not page_errors, f"page errors: {page_errors}"
            assert not bad, "errors in the page console:\n" + "\n".join(bad)
        except BaseException:
            try:
                page.screenshot(path=str(artifacts / "failure.png"), full_page=True)
            except Exception as exc:  # the page may be gone; keep the console log anyway
                (artifacts / "screenshot_error.txt").write_text(repr(exc))
            (artifacts / "console.log").write_text(
                "\n".join(f"{k}: {t}" for k, t in console) + "\n--- page errors ---\n" + "\n".join(page_errors))
            server_log = tmp / "server.log"
            if server_log.exists():
                shutil.copy(server_log, artifacts / "server.log")
            print(f"\nbrowser test failed during '{step}'; screenshots and console log in {artifacts}")
            raise
        finally:
            ctx.close()
    shutil.rmtree(artifacts, ignore_errors=True)   # kept only when the test fails


RACE_NOTEBOOK = "notebooks/c2_improving_deep_neural_networks/04_optimization.ipynb"
BIAS_NOTEBOOK = "notebooks/c3_structuring_ml_projects/02_human_level_performance.ipynb"
# notebook -> the panels checked there: (title, the slider moved, its default value)
HEIGHT_PANELS = {
    RACE_NOTEBOOK: [("Optimizers on cost surfaces", "learning_rate", 0.05), ("Optimizer race", "learning_rate", 0.01)],
    # its progress badge ("training 100 %") used to wrap and grow the panel 19 px at the end of each retrain
    BIAS_NOTEBOOK: [("Avoidable bias or variance", "label noise", 10.0)],
}


def test_panels_keep_their_height_and_fit_their_text(lab_server, sync_playwright):
    """c2/04's cost-surface panel and optimizer race, and c3/02's bias/variance panel: after Run All
    each opens at its defaults (the driving cells restored them), keeps its height across a retrain
    and no label is cut off."""
    base, token, tmp, _ = lab_server
    artifacts = Path(tempfile.mkdtemp(prefix="dlwb-browser-artifacts-"))
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            user_data_dir=str(tmp / "chromium-profile-2"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        step = "open"
        try:
            for notebook, panels in HEIGHT_PANELS.items():
                step = f"open {notebook}"
                page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}", timeout=60_000)
                page.locator(f"{VISIBLE} .jp-Notebook").wait_for(timeout=60_000)
                cells = json.loads((tmp / "root" / notebook).read_text())["cells"]
                n_code = sum(1 for c in cells if c["cell_type"] == "code")
                _wait_kernel_ready(page, base, token, notebook)
                page.wait_for_function(
                    f"document.querySelectorAll('{VISIBLE} .jp-CodeCell').length === {n_code}", timeout=60_000)
                step = f"run all cells of {notebook}"
                _run_all(page, n_code)
                nb = page.locator(VISIBLE)
                for title, name, default in panels:
                    step = title
                    root = nb.locator(f".widget-vbox:has(b:text-matches('^{title}')):has(.widget-output)").first
                    root.locator(".widget-output img").first.wait_for(timeout=PANEL_TIMEOUT * 1000)
                    root.scroll_into_view_if_needed()
                    slider = root.locator(f".widget-slider:has(.widget-label:text-matches('^{name}'))").first
                    shown = float(slider.locator(".widget-readout").inner_text().strip())
                    assert abs(shown - default) <= 0.06 * default, f"{title} opens at {name} {shown}, not {default}"
                    _no_clipped_text(root, title)
                    if SHOTS:
                        Path(SHOTS).mkdir(parents=True, exist_ok=True)
                        root.screenshot(path=str(Path(SHOTS) / f"{Path(notebook).parent.name[:2]}_{Path(notebook).stem[:2]}_"
                                                              f"{title.split()[1]}.png"))
                    heights, _ = _fixed_height_retrain(page, root, slider.locator(".noUi-handle"), title)
                    print(f"{title}: {len(heights)} height samples, {min(heights):.0f}-{max(heights):.0f} px")
        except BaseException:
            try:
                page.screenshot(path=str(artifacts / "failure.png"), full_page=True)
            except Exception as exc:
                (artifacts / "screenshot_error.txt").write_text(repr(exc))
            print(f"\nbrowser test failed during '{step}'; screenshots in {artifacts}")
            raise
        finally:
            ctx.close()
    shutil.rmtree(artifacts, ignore_errors=True)
