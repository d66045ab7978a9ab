# Two entry points for a fresh machine with Python 3.11:
#   make demo   create .venv, install fzcheck, check seeds/ and write HTML reports to reports/
#   make test   create .venv, install fzcheck with its test tools, run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/fzcheck check seeds/ -o reports; status=$$?; \
	echo ""; echo "HTML 报告在 reports/ 文件夹中（用浏览器打开）。退出码 $$status：0 全部通过，1 有报告未通过，2 有文件无法检查。"; \
	test $$status -le 1

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/corpus_agreement.py
	$(BIN)/python bench/format_equivalence.py
	$(BIN)/python bench/metamorphic.py
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) reports/*.html reports/*.json build dist *.egg-info
