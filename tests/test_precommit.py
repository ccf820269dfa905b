"""The pre-commit hooks, run by the real pre-commit framework on a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reformkit.edit.layout import format_yaml

from .conftest import DATA, REPO, minimal_case

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))


def test_the_validate_hook_checks_the_whole_library_on_every_commit():
    validate = next(h for h in HOOKS if h["id"] == "reformkit-validate")
    assert validate["always_run"] is True
    assert validate["pass_filenames"] is False
    assert validate["entry"] == "reformkit validate"
    fmt = next(h for h in HOOKS if h["id"] == "reformkit-fmt")
    assert fmt["entry"] == "reformkit fmt --check"


def local_config() -> str:
    """A .pre-commit-config.yaml running the published hooks as local ones (no network):
    the same entries, file patterns and flags, read from .pre-commit-hooks.yaml."""
    hooks = []
    for hook in HOOKS:
        local = {key: value for key, value in hook.items() if key != "description"}
        local["language"] = "system"
        hooks.append(local)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True, sort_keys=False)


class Repo:
    def __init__(self, root: Path, tmp: Path) -> None:
        self.root = root
        bin_dir = str(Path(sys.executable).parent)
        self.env = {
            **os.environ,
            "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        self.env.pop("REFORMKIT_CASES_DIR", None)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=120)

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.run("git", *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def commit(self, message: str) -> tuple[int, str]:
        """Exit code and output (git shows the hooks' output on stderr)."""
        result = self.run("git", "commit", "-m", message)
        return result.returncode, result.stdout + result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "library"
    (root / "cases").mkdir(parents=True)
    shutil.copy(DATA / "reformkit.toml", root / "reformkit.toml")
    first_case = minimal_case("t-01").replace("tags: [政务服务]", "tags: [通关便利]") + "related: [t-02]\n"
    (root / "cases" / "t-01.yaml").write_text(format_yaml(first_case), "utf-8")
    (root / "cases" / "t-02.yaml").write_text(format_yaml(minimal_case("t-02")), "utf-8")
    (root / ".pre-commit-config.yaml").write_text(local_config(), "utf-8")
    made = Repo(root, tmp_path)
    made.git("init", "-q", "-b", "main")
    installed = made.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    made.git("add", "-A")
    code, output = made.commit("a valid library")
    assert code == 0, output
    return made


@pytest.mark.slow
def test_committing_a_deletion_that_breaks_a_related_link_is_refused(repo):
    repo.git("rm", "-q", "cases/t-02.yaml")
    code, output = repo.commit("remove t-02")
    assert code == 1, output
    assert "cases/t-01.yaml:9:11: error RK206 related id 't-02' names no case" in output
    assert repo.git("log", "--format=%s").stdout == "a valid library\n"


@pytest.mark.slow
def test_committing_a_config_change_that_removes_a_used_tag_is_refused(repo):
    config = repo.root / "reformkit.toml"
    config.write_text(config.read_text("utf-8").replace('"通关便利"', '"旅游服务"'), "utf-8")
    repo.git("add", "reformkit.toml")
    code, output = repo.commit("drop a tag")
    assert code == 1, output
    assert "cases/t-01.yaml:6:8: error RK205 tag '通关便利' is not in [vocab].tags" in output
    assert repo.git("log", "--format=%s").stdout == "a valid library\n"


@pytest.mark.slow
def test_committing_a_case_that_is_not_formatted_is_refused_until_fmt_runs(repo):
    case = repo.root / "cases" / "t-02.yaml"
    case.write_text("title: 新标题\n" + case.read_text("utf-8").replace("title: 标题\n", ""), "utf-8")
    repo.git("add", "cases/t-02.yaml")
    code, output = repo.commit("reorder")
    assert code == 1, output
    assert "would reformat cases/t-02.yaml" in output
    assert repo.run("reformkit", "fmt").returncode == 0
    repo.git("add", "cases/t-02.yaml")
    code, output = repo.commit("reorder, formatted")
    assert code == 0, output
    assert repo.git("show", "HEAD:cases/t-02.yaml").stdout.startswith("id: t-02\ntitle: 新标题\n")
