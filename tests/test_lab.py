"""The Learn command (``python -m dlutils.lab``): serves the repository root, opens start-here,
adds --allow-root only for root, and explains a broken checkout."""
import sys

import pytest

from dlutils import lab


def test_serves_the_repo_root_and_opens_start_here():
    cmd = lab.lab_command(is_root_user=False)
    root = lab.repo_root()
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={root}" in cmd
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in cmd
    assert (root / "notebooks" / "00_start_here.ipynb").is_file()
    assert "--allow-root" not in cmd


def test_root_user_gets_allow_root_once_and_extra_args_pass_through():
    cmd = lab.lab_command(["--port", "8899"], is_root_user=True)
    assert cmd.count("--allow-root") == 1 and cmd[-2:] == ["--port", "8899"]
    assert lab.lab_command(["--allow-root"], is_root_user=True).count("--allow-root") == 1


def test_a_folder_without_the_workbook_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"dlutils.lab: notebooks/00_start_here.ipynb not found under .*pip install -r requirements.txt"):
        lab.lab_command(root=tmp_path)
