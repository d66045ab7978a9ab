# Two entry points for a fresh machine with Python 3.11:
#   make demo   create .venv, install fzcheck, check seeds/ and write HTML reports to reports/
#   make test   create .venv, install fzcheck with its test tools (and Debian's Chromium for the
#               browser tests and LibreOffice Writer for .doc/.wps, when this machine lets us install
#               packages), run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test browser office bench serve mutation clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ocr]'
	touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/fzcheck check seeds/ -o reports; status=$$?; \
	echo ""; echo "HTML 报告在 reports/ 文件夹中（用浏览器打开，汇总页 reports/index.html）。退出码 $$status：0 全部通过，1 有报告未通过，2 有文件无法检查。"; \
	test $$status -le 1

# Debian's Chromium (and CJK fonts) for the browser tests: Playwright drives the system browser,
# because browser downloads are not possible here. Skipped where packages cannot be installed.
browser:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=none; fi; \
	if [ "$$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "Chromium 未安装，浏览器测试将跳过 (cannot install chromium here; browser tests will be skipped)"; exit 0; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
		|| echo "Chromium 安装失败，浏览器测试将跳过 (chromium install failed; browser tests will be skipped)"

# Debian's LibreOffice Writer (reads old Word .doc and WPS .wps files for fzcheck) and Calc (the tests open the .xlsx output with it); the
# tests that need it are skipped where packages cannot be installed (CI requires it).
office:
	@if command -v soffice >/dev/null 2>&1 && ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=none; fi; \
	if [ "$$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "LibreOffice 未安装，.doc/.wps 测试将跳过 (cannot install LibreOffice here; .doc/.wps tests will be skipped)"; exit 0; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null \
		|| echo "LibreOffice 安装失败，.doc/.wps 测试将跳过 (LibreOffice install failed; .doc/.wps tests will be skipped)"

test: $(STAMP) browser office
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/fzcheck serve

bench: $(STAMP)
	$(BIN)/python bench/corpus_agreement.py
# (every labelled set under bench/data, with its second reviewer's labels where it has them)
	for labels in bench/data/*/labels.jsonl; do \
		set=$${labels%/labels.jsonl}; second=$$set/labels_second.jsonl; \
		$(BIN)/python bench/corpus_agreement.py --corpus $$set $$(test -f $$second && echo --second $$second) || exit 1; \
	done
	$(BIN)/python bench/probe_agreement.py
	$(BIN)/python bench/format_equivalence.py
	$(BIN)/python bench/metamorphic.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/serve_burst.py

# Mutation testing of the core (not part of .ci/run: it takes minutes): plant one small bug at a
# time in each module and run the fast tests; prints each module's score and its surviving mutants.
MUTATED := checker/document/outline.py checker/document/facts.py checker/document/parts.py \
	checker/document/chrome.py checker/document/segment.py checker/document/textnorm.py \
	checker/document/clauses.py checker/document/script.py checker/document/__init__.py \
	checker/rules/kinds/coverage.py
FAST_TESTS := $(wildcard tests/test_outline.py tests/test_facts.py tests/test_parts.py tests/test_document.py \
	tests/test_chrome.py tests/test_segment.py tests/test_textnorm.py tests/test_clauses.py tests/test_script.py \
	tests/test_coverage_kind.py tests/test_rule_cases.py tests/test_speed_clause.py tests/test_speed_reading.py)
MUTATION_SCORE ?= 85

mutation: $(STAMP)
	$(BIN)/python tools/mutation.py $(addprefix --module ,$(MUTATED)) $(addprefix --tests ,$(FAST_TESTS)) \
		--jobs 2 --min-score $(MUTATION_SCORE)

clean:
	rm -rf $(VENV) reports/*.html reports/*.json reports/*.png build dist *.egg-info
