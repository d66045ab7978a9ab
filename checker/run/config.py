"""Run settings from four places, later ones winning:

    defaults  <  config file  <  environment (FZCHECK_*)  <  command-line flags

The config file is `[tool.fzcheck]` in a `pyproject.toml` or the top level of
an `fzcheck.toml`, found by walking up from the first checked path (at each
folder, `fzcheck.toml` first). Paths in it are relative to the file itself;
paths in the environment and on the command line are relative to the working
directory.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from checker.concepts import PASS_SCORE, FailOn, profile_choices, profile_named
from checker.errors import FzError, explain

if TYPE_CHECKING:
    from checker.run.engine import Settings

CONFIG_FILE = "fzcheck.toml"
PYPROJECT = "pyproject.toml"
ENV_PREFIX = "FZCHECK_"
PATH_KEYS = ("rulebook", "output", "waivers", "baseline")
LIST_KEYS = ("format", "ignore", "exclude")


class Options(BaseModel):
    """Every setting a run can take, with its default."""

    model_config = ConfigDict(extra="forbid")

    rulebook: Optional[str] = None
    edition: Optional[str] = None
    profile: Optional[str] = None
    format: list[str] = Field(default_factory=lambda: ["html"])
    output: Optional[str] = None
    fail_under: float = Field(default=PASS_SCORE, ge=0, le=100, allow_inf_nan=False)
    fail_on: FailOn = "error"
    ignore: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    waivers: Optional[str] = None
    baseline: Optional[str] = None
    jobs: int = Field(default=0, ge=0)  # 0: every core
    max_size: float = Field(default=50.0, gt=0, le=4096, allow_inf_nan=False)  # MB
    timeout: float = Field(default=60.0, gt=0, allow_inf_nan=False)  # seconds per file
    memory_limit: int = Field(default=1024, ge=256)  # MB per worker process
    published: Optional[str] = None  # YYYY-MM-DD, 2025年3月20日, 2025/3/20 or 2025.3.20
    reviewer: Optional[str] = Field(default=None, max_length=60)  # 审核人: the comments' author, printed on reports

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return None
        profile = profile_named(value)
        if profile is None:
            raise ValueError(f"报告主体应为 {profile_choices()} (profile must be one of these)，而不是 {value!r}")
        return profile

    @field_validator("published")
    @classmethod
    def _day(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return None
        day = parse_day(value)
        if day is None:
            raise ValueError(f"公开日期应写作 2025-03-20、2025年3月20日、2025/3/20 或 2025.3.20，而不是 {value!r} "
                             "(the publication date must be a date such as 2025-03-20)")
        return day.isoformat()

    @field_validator("format", "ignore", "exclude", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


_DAY = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?\s*$")


def parse_day(text: str) -> Optional[date]:
    """A day as people write it: 2025-03-20, 2025年3月20日, 2025/3/20, 2025.3.20."""
    match = _DAY.match(text)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@dataclass
class Resolved:
    options: Options
    sources: dict[str, str] = field(default_factory=dict)  # setting → where its value came from
    config_file: Optional[Path] = None

    def jobs(self) -> int:
        return self.options.jobs or os.cpu_count() or 1

    def settings(self, update_baseline: bool = False) -> "Settings":
        """The engine's settings for these options."""
        from checker.run.engine import Settings

        options = self.options
        return Settings(
            rulebook=options.rulebook, edition=options.edition, profile=options.profile, published=options.published,
            waivers=options.waivers, baseline=options.baseline, update_baseline=update_baseline,
            pass_score=options.fail_under, fail_on=options.fail_on, ignore=tuple(options.ignore),
            exclude=tuple(options.exclude), jobs=self.jobs(), max_bytes=int(options.max_size * 1024 * 1024),
            time_limit=options.timeout, memory_limit=options.memory_limit,
        )


def find_config(start: Union[str, Path]) -> Optional[Path]:
    """The nearest fzcheck.toml, or pyproject.toml with [tool.fzcheck], at or above `start`."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in [folder, *folder.parents]:
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        project = candidate / PYPROJECT
        if project.is_file() and "fzcheck" in _read_toml(project).get("tool", {}):
            return project
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FzError("config-invalid", f"配置文件无法读取：{exc}", f"cannot read the config file: {exc}", str(path)) from None


def _file_values(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    values = data.get("tool", {}).get("fzcheck", {}) if path.name == PYPROJECT else data
    if not isinstance(values, dict):
        raise FzError("config-invalid", "[tool.fzcheck] 应是表", "[tool.fzcheck] must be a table", str(path))
    values = dict(values)
    for key in PATH_KEYS:
        if isinstance(values.get(key), str):
            values[key] = str((path.parent / values[key]).resolve())
    return values


def _env_values(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Options.model_fields:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None and raw != "":
            values[name] = raw
    return values


def resolve(
    start: Union[str, Path],
    flags: Mapping[str, Any],
    env: Optional[Mapping[str, str]] = None,
    config_file: Optional[str] = None,
    use_config: bool = True,
) -> Resolved:
    """Merge defaults, the config file, FZCHECK_* and the flags that were given (not None)."""
    env = os.environ if env is None else env
    path = Path(config_file) if config_file else (find_config(start) if use_config else None)
    if config_file and not Path(config_file).is_file():
        raise FzError("config-invalid", "配置文件不存在", "config file not found", config_file)
    layers: list[tuple[str, dict[str, Any]]] = []
    if path is not None:
        layers.append((f"配置文件 {path}", _file_values(path)))
    layers.append(("环境变量", _env_values(env)))
    layers.append(("命令行", {key: value for key, value in flags.items() if value is not None}))
    merged: dict[str, Any] = {}
    sources = {name: "默认值" for name in Options.model_fields}
    for label, values in layers:
        for key, value in values.items():
            merged[key] = value
            sources[key] = f"{label}（{ENV_PREFIX}{key.upper()}）" if label == "环境变量" else label
    try:
        options = Options.model_validate(merged)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}（来自{sources.get(str(e['loc'][0]), '?')}）：{explain(e)}"
                             for e in exc.errors())
        raise FzError("config-invalid", f"设置有误：{problems}", "invalid settings, see above",
                      str(path) if path else None) from None
    return Resolved(options, sources, path)
