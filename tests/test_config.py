"""Settings precedence: defaults < config file < environment < flags, documented and tested."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from checker.run.config import find_config, resolve
from checker.errors import FzError

from .conftest import SEEDS, run_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_each_layer_overrides_the_one_before(tmp_path):
    write(tmp_path / "fzcheck.toml", 'fail_under = 70\nfail_on = "warning"\njobs = 3\nformat = ["html", "json"]\n')
    env = {"FZCHECK_FAIL_UNDER": "75", "FZCHECK_JOBS": "4"}
    resolved = resolve(tmp_path, {"jobs": 5}, env=env)
    options = resolved.options
    assert options.fail_under == 75  # environment over file
    assert options.fail_on == "warning"  # file over default
    assert options.jobs == 5  # flag over environment
    assert options.format == ["html", "json"]
    assert options.max_size == 50  # default
    assert resolved.sources["fail_under"].startswith("环境变量")
    assert resolved.sources["jobs"] == "命令行"
    assert resolved.sources["fail_on"].startswith("配置文件")
    assert resolved.sources["max_size"] == "默认值"


def test_config_is_found_walking_up_and_paths_are_relative_to_it(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.fzcheck]\nrulebook = "rules/local.yaml"\noutput = "out"\n')
    deep = tmp_path / "reports" / "2024" / "乡镇"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    options = resolve(deep, {}, env={}).options
    assert options.rulebook == str((tmp_path / "rules" / "local.yaml").resolve())
    assert options.output == str((tmp_path / "out").resolve())


def test_fzcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.fzcheck]\nfail_under = 50\n')
    write(tmp_path / "fzcheck.toml", 'fail_under = 80\n')
    assert resolve(tmp_path, {}, env={}).options.fail_under == 80


def test_pyproject_without_our_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


@pytest.mark.parametrize(
    "content,env,word",
    [("fail_on = 'never'\n", {}, "fail_on"), ("colour = 'red'\n", {}, "colour"), ("", {"FZCHECK_JOBS": "many"}, "jobs")],
)
def test_bad_settings_name_the_setting_and_its_source(tmp_path, content, env, word):
    write(tmp_path / "fzcheck.toml", content)
    with pytest.raises(FzError) as caught:
        resolve(tmp_path, {}, env=env)
    assert word in caught.value.zh


def test_cli_reads_the_config_and_flags_win(tmp_path, checker):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "001_7724204651865b79.txt", folder / "r.txt")
    expected = checker.check_file(str(folder / "r.txt"))
    assert expected.passed and expected.score < 100  # passes by default, and a pass mark above its score exists
    write(tmp_path / "fzcheck.toml", f'format = "json"\nfail_under = {math.floor(expected.score) + 1}\n')
    done = run_cli("check", str(folder))
    assert done.returncode == 1  # the score is below the pass mark from the config file
    assert json.loads(done.stdout)["documents"][0]["passed"] is False
    done = run_cli("check", str(folder), "--fail-under", str(math.floor(expected.score)))
    assert done.returncode == 0
    shown = run_cli("config", "show", str(folder))
    assert "fail_under" in shown.stdout and "fzcheck.toml" in shown.stdout


def test_environment_variables_reach_the_cli():
    done = run_cli("check", str(SEEDS / "001_7724204651865b79.txt"),
                   env={"FZCHECK_FAIL_ON": "warning", "FZCHECK_FORMAT": "json"})
    assert done.returncode == 1  # quality.title (a warning) is missing in 001
    assert json.loads(done.stdout)["documents"][0]["passed"] is False
