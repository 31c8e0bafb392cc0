# The README's commands, over the CMake presets in CMakePresets.json.
#   make demo   install what is missing, build, and run dpokit on the example
#   make test   install what is missing, build, and run every test
#   make bench  measure against raw sqlite3 (see bench/)

BUILD := build
BIN := $(BUILD)/apps
DEMO := demo/dpo.sqlite
EXAMPLE := examples/training-org

.PHONY: all deps build demo test bench install clean

all: build

deps:
	./scripts/install-deps

build: deps
	cmake --preset dev
	cmake --build --preset dev

# A fresh store from the example, then what a DPO would look at first.
demo: build
	rm -rf demo && mkdir -p demo
	$(BIN)/dpo init --store $(DEMO)
	$(BIN)/dpo register import --store $(DEMO) $(EXAMPLE)/register.yaml
	$(BIN)/dpo subject import --store $(DEMO) $(EXAMPLE)/subjects.jsonl
	$(BIN)/dpo consent import --store $(DEMO) $(EXAMPLE)/consents.jsonl
	$(BIN)/dpo consent verify --store $(DEMO)
	$(BIN)/dpo status --store $(DEMO)
	$(BIN)/dpo audit --store $(DEMO) --as-of 2026-11-26 --lang en --fail-on never
	$(BIN)/dpo audit --store $(DEMO) --as-of 2026-11-26 --format html --out demo/audit.html --fail-on never
	$(BIN)/dpo purge --store $(DEMO) --as-of 2026-11-26 --dry-run
	$(BIN)/dpo sar export --store $(DEMO) --as-of 2026-11-26 --format html --out demo/L-2023-001.html L-2023-001
	$(BIN)/dpo breach record --store $(DEMO) --as-of 2026-05-30T10:00:00+02:00 $(EXAMPLE)/incidents/laptop-theft.yaml
	$(BIN)/dpo breach assess --store $(DEMO) --as-of 2026-05-30T10:00:00+02:00 --lang en BR-2026-004
	$(BIN)/dpo breach draft --store $(DEMO) --as-of 2026-05-30T10:00:00+02:00 --out demo/BR-2026-004.md BR-2026-004
	@echo "demo: the audit as a web page is in demo/audit.html, a subject-access letter in demo/L-2023-001.html,"
	@echo "demo: the draft notification of a stolen laptop to the CNIL in demo/BR-2026-004.md"

test: build
	ctest --preset dev

bench: build
	python3 bench/run --scale 0.01

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) demo
