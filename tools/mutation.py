#!/usr/bin/env python3
"""Mutation testing: plant one small bug at a time in a module and see whether the tests notice.

Why our own tool and not mutmut 3.x: mutmut 3.8 does run here offline, but only after writing
[tool.mutmut] into pyproject.toml and listing the whole package (it copies just the paths to mutate
into mutants/, so `checker.engine` goes missing); it mutates string constants (our regexes and
keyword data), never module-level constants, has no negate-condition operator, and names mutants by
function in a TUI rather than by file:line. This tool is a fork server instead: one process loads
pytest, the project and jieba once, then forks a child per mutant that swaps the mutated code in.

How a mutant is swapped in: the mutated module is compiled and exec'd into the live module's own
namespace; functions and classes that already existed get the new code grafted onto the old objects
(`func.__code__`, defaults, class members), so every `from x import name` elsewhere sees the mutant;
new constants replace the old ones, in the module and in project modules that imported them.

Usage:
  python tools/mutation.py --module checker/outline.py --tests tests/test_outline.py [--jobs 2]
      [--timeout-factor 3] [--project-root DIR] [--min-score 85] [--list] [--limit N]
"""

from __future__ import annotations

import argparse
import ast
import copy
import functools
import gc
import importlib
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

# Run this (in the parent, before any fork) to build what the tests' session fixtures would rebuild
# in every child; only when the project has checker/engine.py. Its caches (rulebooks, the jieba
# tokenizer) do not depend on the modules usually mutated.
DEFAULT_WARM = "from checker.run.engine import Checker; Checker().warm_up()"
DEFAULT_WARM_MARKER = Path("checker") / "run" / "engine.py"

IGNORED_IN_COPY = (".git", ".venv", "venv", "__pycache__", ".hypothesis", ".pytest_cache", "mutants",
                   "node_modules", ".mypy_cache", ".ruff_cache", "*.egg-info")
PRAGMA = "pragma: no mutate"
ERROR_EXIT = 70  # a child that could not even apply its mutant

# --------------------------------------------------------------------------- the mutants

_FLIPS: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
OPERATORS = ("cmp", "negate", "not", "boolop", "bool", "num", "return", "minmax")


@dataclass
class Mutant:
    module: str  # path relative to the project root, as given
    index: int  # position of the target node in _walk order
    variant: int  # which of that node's mutations
    op: str
    line: int
    before: str
    after: str

    def where(self) -> str:
        return f"{self.module}:{self.line}"


@dataclass
class _Site:
    node: ast.AST
    parent: Optional[ast.AST]
    field: Optional[str]


def _is_main_guard(node: ast.If) -> bool:
    test = node.test
    if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
        return True
    if isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
        return True
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__")


def _dunder_assign(node: ast.AST) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return any(isinstance(t, ast.Name) and t.id.startswith("__") and t.id.endswith("__") for t in targets)


def _walk(tree: ast.AST, skip_lines: set[int]) -> list[_Site]:
    """Every node that may be mutated, in a fixed pre-order (same source → same list)."""
    sites: list[_Site] = []

    def visit(node: ast.AST, parent: Optional[ast.AST], field: Optional[str]) -> None:
        if getattr(node, "lineno", None) in skip_lines:
            return
        if isinstance(node, ast.If) and _is_main_guard(node):
            return
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and _dunder_assign(node):
            return
        if isinstance(node, ast.JoinedStr):  # f-strings are text
            return
        sites.append(_Site(node, parent, field))
        for name, value in ast.iter_fields(node):
            if name in ("decorator_list", "returns", "annotation", "type_comment"):
                continue
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        visit(item, node, name)
            elif isinstance(value, ast.AST):
                visit(value, node, name)

    visit(tree, None, None)
    return sites


def _is_condition(site: _Site) -> bool:
    return ((isinstance(site.parent, (ast.If, ast.While, ast.IfExp)) and site.field == "test")
            or (isinstance(site.parent, ast.comprehension) and site.field == "ifs"))


def _mutations(site: _Site, operators: set[str]) -> list[tuple[str, ast.AST]]:
    """(operator, replacement for site.node) for each mutant of this node."""
    node, out = site.node, []
    if "cmp" in operators and isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _FLIPS:
                new = copy.deepcopy(node)
                new.ops[i] = _FLIPS[type(op)]()
                out.append(("cmp", new))
    if ("negate" in operators and _is_condition(site) and isinstance(node, ast.expr)
            and not (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not))
            and not isinstance(node, ast.Constant)):
        out.append(("negate", ast.UnaryOp(op=ast.Not(), operand=copy.deepcopy(node))))
    if "not" in operators and isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        out.append(("not", copy.deepcopy(node.operand)))
    if "boolop" in operators and isinstance(node, ast.BoolOp):
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        out.append(("boolop", new))
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            if "bool" in operators:
                out.append(("bool", ast.Constant(value=not value)))
        elif isinstance(value, (int, float)) and "num" in operators:
            out.append(("num", ast.Constant(value=value + 1)))
            if value != 0:
                out.append(("num", ast.Constant(value=value - 1)))
    if ("return" in operators and isinstance(node, ast.Return) and node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)):
        out.append(("return", ast.Return(value=ast.Constant(value=None))))
    if ("minmax" in operators and isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("min", "max")):
        new = copy.deepcopy(node)
        new.func.id = "max" if node.func.id == "min" else "min"
        out.append(("minmax", new))
    return out


def _skip_lines(source: str) -> set[int]:
    return {n for n, line in enumerate(source.splitlines(), 1) if PRAGMA in line}


def _clip(before: str, after: str, width: int = 96) -> tuple[str, str]:
    if max(len(before), len(after)) <= width:
        return before, after
    same = 0
    while same < min(len(before), len(after)) and before[same] == after[same]:
        same += 1
    start = max(0, same - 30)

    def cut(text: str) -> str:
        return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")

    return cut(before), cut(after)


def _show(source_lines: list[str], source: str, target: ast.AST, new: ast.AST) -> tuple[str, str]:
    new_text = ast.unparse(new)
    if target.lineno == target.end_lineno:
        raw = source_lines[target.lineno - 1].encode()
        pre = raw[:target.col_offset].decode()
        seg = raw[target.col_offset:target.end_col_offset].decode()
        post = raw[target.end_col_offset:].decode()
        return _clip((pre + seg + post).strip(), (pre + new_text + post).strip())
    seg = ast.get_source_segment(source, target) or ast.unparse(target)
    return _clip(" ".join(seg.split()), " ".join(new_text.split()))


def enumerate_mutants(module: str, source: str, operators: set[str]) -> list[Mutant]:
    tree = ast.parse(source)
    lines = source.splitlines()
    mutants = []
    for index, site in enumerate(_walk(tree, _skip_lines(source))):
        for variant, (op, new) in enumerate(_mutations(site, operators)):
            before, after = _show(lines, source, site.node, new)
            mutants.append(Mutant(module, index, variant, op, site.node.lineno, before, after))
    return mutants


def mutated_tree(source: str, mutant: Mutant, operators: set[str]) -> ast.Module:
    tree = ast.parse(source)
    site = _walk(tree, _skip_lines(source))[mutant.index]
    op, new = _mutations(site, operators)[mutant.variant]
    assert op == mutant.op, (op, mutant)
    ast.copy_location(new, site.node)
    value = getattr(site.parent, site.field)
    if isinstance(value, list):
        value[value.index(site.node)] = new
    else:
        setattr(site.parent, site.field, new)
    return ast.fix_missing_locations(tree)


# --------------------------------------------------------------------------- swapping code in


def _graft_function(old: types.FunctionType, new: types.FunctionType) -> bool:
    if old.__code__.co_freevars != new.__code__.co_freevars:
        return False
    old.__code__ = new.__code__
    old.__defaults__ = new.__defaults__
    old.__kwdefaults__ = new.__kwdefaults__
    return True


def _graft(old: object, new: object) -> bool:
    """Make `old` behave as `new`, in place; False when that cannot be done."""
    if isinstance(old, types.FunctionType) and isinstance(new, types.FunctionType):
        return _graft_function(old, new)
    if isinstance(old, type) and isinstance(new, type):
        return _graft_class(old, new)
    if isinstance(old, (staticmethod, classmethod)) and type(old) is type(new):
        return _graft(old.__func__, new.__func__)
    if isinstance(old, property) and isinstance(new, property):
        pairs = [(old.fget, new.fget), (old.fset, new.fset), (old.fdel, new.fdel)]
        if any((a is None) != (b is None) for a, b in pairs):
            return False
        return all(a is None or _graft(a, b) for a, b in pairs)
    if isinstance(old, functools.cached_property) and isinstance(new, functools.cached_property):
        return _graft(old.func, new.func)
    if type(old) is type(new) and hasattr(old, "__wrapped__") and hasattr(new, "__wrapped__"):
        if not _graft(old.__wrapped__, new.__wrapped__):
            return False
        if hasattr(old, "cache_clear"):
            old.cache_clear()
        return True
    return False


def _graft_class(old: type, new: type) -> bool:
    for name, value in new.__dict__.items():
        if name.startswith("__") and name.endswith("__") and not callable(value):
            continue  # __dict__, __module__, __dataclass_fields__, pydantic's internals…
        current = old.__dict__.get(name, _MISSING)
        if current is value:
            continue
        if current is not _MISSING and _graft(current, value):
            continue
        try:
            setattr(old, name, value)
        except (AttributeError, TypeError):
            pass
    return True


_MISSING = object()


def _project_modules(root: Path) -> list[types.ModuleType]:
    out = []
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if path and Path(path).resolve().is_relative_to(root):
            out.append(module)
    return out


def apply_mutant(root: Path, modname: str, source: str, mutant: Mutant, operators: set[str]) -> None:
    module = sys.modules[modname]
    code = compile(mutated_tree(source, mutant, operators), module.__file__, "exec", dont_inherit=True)
    before = dict(module.__dict__)
    exec(code, module.__dict__)
    replaced: dict[int, tuple[str, object, object]] = {}
    for name, value in list(module.__dict__.items()):
        old = before.get(name, _MISSING)
        if old is _MISSING or old is value:
            continue
        if _graft(old, value):
            module.__dict__[name] = old
        else:
            replaced[id(old)] = (name, old, value)
    if not replaced:
        return
    for other in _project_modules(root):
        if other is module:
            continue
        namespace = other.__dict__
        for key, value in list(namespace.items()):
            hit = replaced.get(id(value))
            # Small ints and short strings are shared objects: only trust a same-named import for them.
            if hit and hit[1] is value and (key == hit[0] or not isinstance(value, (int, float, str, bytes))):
                namespace[key] = hit[2]


# --------------------------------------------------------------------------- the fork server


@dataclass
class Running:
    pid: int
    mutant: Optional[Mutant]
    started: float


class Server:
    def __init__(self, root: Path, copy_root: Path, tests: list[str], operators: set[str]):
        self.root, self.copy_root, self.tests, self.operators = root, copy_root, tests, operators
        self.sources: dict[str, tuple[str, str]] = {}  # module path → (module name, source)

    def prepare(self, modules: list[str], warm: Optional[str]) -> None:
        os.chdir(self.copy_root)
        script_dir = str(Path(__file__).resolve().parent)
        sys.path[:] = [p for p in sys.path if p not in ("", script_dir)]
        sys.path.insert(0, str(self.copy_root))
        sys.dont_write_bytecode = True
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        import pytest  # noqa: F401  (loaded once, here)

        try:
            from hypothesis import settings
        except ImportError:
            pass
        else:  # the same examples for every mutant, and no example database
            settings.register_profile("mutation", database=None, derandomize=True, print_blob=False)
            settings.load_profile("mutation")
        for path in modules:
            name = _module_name(path)
            module = importlib.import_module(name)
            where = Path(module.__file__).resolve()
            if where != (self.copy_root / path).resolve():
                raise SystemExit(f"mutation: {name} was imported from {where}, not from the project copy")
            self.sources[path] = (name, (self.copy_root / path).read_text(encoding="utf-8"))
        code = _quiet(lambda: pytest.main([*self.tests, "--collect-only", "-q", *self._plugins()]))
        if code != 0:
            raise SystemExit(f"mutation: pytest could not collect {' '.join(self.tests)} (exit {int(code)})")
        if warm:
            _quiet(lambda: exec(warm, {"__name__": "__mutation_warm__"}))
        gc.collect()
        gc.freeze()  # fewer pages copied in each child

    @staticmethod
    def _plugins() -> list[str]:
        return ["-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:xdist"]

    def start(self, mutant: Optional[Mutant], log: Optional[Path] = None) -> Running:
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child
            code = ERROR_EXIT
            try:
                os.setpgid(0, 0)
                out = os.open(str(log) if log else os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                os.dup2(out, 1)
                os.dup2(out, 2)
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                if mutant is not None:
                    name, source = self.sources[mutant.module]
                    apply_mutant(self.copy_root, name, source, mutant, self.operators)
                import pytest

                args = [*self.tests, "-x", "-q", *self._plugins()]
                if mutant is not None:
                    args.append("--tb=no")
                code = int(pytest.main(args))
            except BaseException:
                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        return Running(pid, mutant, started)


def _quiet(action):
    """Run `action` with file descriptors 1 and 2 sent to /dev/null."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        return action()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


def _module_name(path: str) -> str:
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _kill(run: Running) -> None:
    try:
        os.killpg(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(run.pid, 0)
    except ChildProcessError:
        pass


def run_all(server: Server, mutants: list[Mutant], jobs: int, timeout: float) -> dict[int, str]:
    """Outcome per mutant index in `mutants`: killed, timeout, error or survived."""
    outcomes: dict[int, str] = {}
    queue = list(enumerate(mutants))
    running: dict[int, tuple[int, Running]] = {}
    began, done = time.monotonic(), 0
    try:
        while queue or running:
            while queue and len(running) < jobs:
                position, mutant = queue.pop(0)
                run = server.start(mutant)
                running[run.pid] = (position, run)
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for pid_, (position, run) in list(running.items()):
                    if now - run.started > timeout:
                        _kill(run)
                        del running[pid_]
                        outcomes[position] = "timeout"
                        done += 1
                        _progress(done, len(mutants), outcomes, began)
                time.sleep(0.02)
                continue
            if pid not in running:
                continue
            position, run = running.pop(pid)
            code = os.waitstatus_to_exitcode(status)
            outcomes[position] = "survived" if code == 0 else "error" if code == ERROR_EXIT else "killed"
            try:  # whatever the tests left running in the child's group
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            done += 1
            _progress(done, len(mutants), outcomes, began)
    finally:
        for _, run in running.values():
            _kill(run)
    return outcomes


def _progress(done: int, total: int, outcomes: dict[int, str], began: float) -> None:
    if done % 25 == 0 or done == total:
        survived = sum(1 for o in outcomes.values() if o == "survived")
        print(f"  [{done}/{total}] {done - survived} killed, {survived} survived, "
              f"{time.monotonic() - began:.0f} s", flush=True)


# --------------------------------------------------------------------------- command line


def _sample(mutants: list[Mutant], limit: Optional[int]) -> list[Mutant]:
    if not limit or limit >= len(mutants):
        return mutants
    step = len(mutants) / limit
    return [mutants[int(i * step)] for i in range(limit)]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", required=True, help="a module to mutate (path under the root)")
    parser.add_argument("--tests", action="append", default=[], help="a test file or node id to run")
    parser.add_argument("--jobs", type=int, default=2, help="children at once (default 2)")
    parser.add_argument("--timeout-factor", type=float, default=3.0, help="× the clean run's time (default 3)")
    parser.add_argument("--min-timeout", type=float, default=10.0, help="seconds, at least (default 10)")
    parser.add_argument("--project-root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--min-score", type=float, help="exit 1 if any module scores lower (percent)")
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    parser.add_argument("--limit", type=int, help="test only N mutants per module, evenly spread")
    parser.add_argument("--operators", default=",".join(OPERATORS), help=f"comma-separated subset of {OPERATORS}")
    parser.add_argument("--warm", default=None,
                        help="Python code run once in the parent before forking ('' for none; default: build "
                             "fzcheck's Checker when the project has checker/engine.py)")
    args = parser.parse_args(argv)

    root = args.project_root.resolve()
    operators = {o.strip() for o in args.operators.split(",") if o.strip()}
    unknown = operators - set(OPERATORS)
    if unknown:
        parser.error(f"unknown operators: {sorted(unknown)}")
    modules = [str(Path(m)) for m in args.module]
    for path in modules:
        if not (root / path).is_file():
            parser.error(f"no such module under {root}: {path}")
    per_module = {
        path: _sample(enumerate_mutants(path, (root / path).read_text(encoding="utf-8"), operators), args.limit)
        for path in modules
    }
    if args.list:
        for path, mutants in per_module.items():
            print(f"== {path}: {len(mutants)} mutants")
            for m in mutants:
                print(f"  {m.where()}  [{m.op}]  {m.before}  →  {m.after}")
        return 0
    if not args.tests:
        parser.error("--tests is required (unless --list)")
    warm = args.warm
    if warm is None:
        warm = DEFAULT_WARM if (root / DEFAULT_WARM_MARKER).is_file() else ""

    began = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="mutation-"))
    copy_root = scratch / root.name
    old_cwd = os.getcwd()
    try:
        shutil.copytree(root, copy_root, symlinks=True, ignore=shutil.ignore_patterns(*IGNORED_IN_COPY))
        tests = [str(copy_root / t) if not Path(t).is_absolute() else t for t in args.tests]
        server = Server(root, copy_root, tests, operators)
        server.prepare(modules, warm)

        log = scratch / "clean.log"
        clean = server.start(None, log)
        _, status = os.waitpid(clean.pid, 0)
        clean_time = time.monotonic() - clean.started
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
            print("mutation: the tests fail without any mutant (exit %d); fix them first:" % code)
            print("\n".join("  " + line for line in tail))
            return 2
        timeout = max(args.min_timeout, args.timeout_factor * clean_time)
        total = sum(len(m) for m in per_module.values())
        print(f"clean run {clean_time:.1f} s → timeout {timeout:.0f} s; {total} mutants in "
              f"{len(modules)} module(s), {args.jobs} job(s)", flush=True)

        flat = [m for mutants in per_module.values() for m in mutants]
        outcomes = run_all(server, flat, max(1, args.jobs), timeout)
    finally:
        os.chdir(old_cwd)
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - began

    rows, failed, position = [], False, 0
    for path, mutants in per_module.items():
        results = [outcomes[position + i] for i in range(len(mutants))]
        position += len(mutants)
        killed = sum(1 for r in results if r != "survived")
        score = 100.0 * killed / len(mutants) if mutants else 100.0
        extra = ", ".join(f"{results.count(k)} {k}" for k in ("timeout", "error") if results.count(k))
        print(f"\n== {path}: {killed}/{len(mutants)} = {score:.1f}%" + (f"  (of the killed: {extra})" if extra else ""))
        survivors = [m for m, r in zip(mutants, results) if r == "survived"]
        if survivors:
            print(f"  {len(survivors)} surviving mutants:")
            for m in survivors:
                print(f"  {m.where()}  [{m.op}]  {m.before}  →  {m.after}")
        rows.append((path, killed, len(mutants), score))
        if args.min_score is not None and score < args.min_score:
            failed = True

    width = max(len("module"), *(len(r[0]) for r in rows))
    print(f"\n{'module':<{width}}  {'killed':>6}  {'total':>5}  {'score':>6}")
    for path, killed, count, score in rows:
        print(f"{path:<{width}}  {killed:>6}  {count:>5}  {score:>5.1f}%")
    all_killed, all_count = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"{'TOTAL':<{width}}  {all_killed:>6}  {all_count:>5}  "
          f"{(100.0 * all_killed / all_count if all_count else 100.0):>5.1f}%")
    print(f"wall time {elapsed:.0f} s")
    if failed:
        print(f"mutation: a module scores below --min-score {args.min_score:g}%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
