# The README's commands, over the CMake presets in CMakePresets.json.
#   make demo   install what is missing, build, and run dpokit on the example
#   make test   install what is missing, build, and run every test: once on
#               the optimised build, once on the clang build with
#               AddressSanitizer, UndefinedBehaviorSanitizer and short fuzz runs
#   make stress the crash and concurrency tests at length (minutes)
#   make fuzz   each libFuzzer target for FUZZ_SECONDS (default 600)
#   make bench  measure against raw sqlite3 (see bench/)

BUILD := build
BIN := $(BUILD)/apps
DEMO := demo/dpo.sqlite
EXAMPLE := examples/training-org

FUZZ_SECONDS := 600
FUZZ_TARGETS := fuzz_register fuzz_incident fuzz_records fuzz_time fuzz_writers fuzz_fides

.PHONY: all deps build sanitize demo test stress fuzz bench install clean

all: build

# What each target needs, and no more: a build needs no browser, shell or clang.
deps:
	./scripts/install-deps

build:
	./scripts/install-deps build
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
	$(BIN)/dpo breach decide --store $(DEMO) --as-of 2026-05-30T10:30:00+02:00 --notify yes --communicate yes \
	  --reason "unencrypted disk, thief unknown: we follow the assessment" BR-2026-004
	$(BIN)/dpo breach draft --store $(DEMO) --as-of 2026-05-30T10:45:00+02:00 --out demo/BR-2026-004.md BR-2026-004
	@echo "demo: the audit as a web page is in demo/audit.html, a subject-access letter in demo/L-2023-001.html,"
	@echo "demo: the draft notification of a stolen laptop to the CNIL in demo/BR-2026-004.md"

sanitize:
	./scripts/install-deps sanitize
	cmake --preset sanitize
	cmake --build --preset sanitize

test:
	./scripts/install-deps test sanitize
	$(MAKE) --no-print-directory build
	ctest --preset dev
	$(MAKE) --no-print-directory sanitize
	ctest --preset sanitize

stress:
	./scripts/install-deps test
	$(MAKE) --no-print-directory build
	python3 tests/crash/kill.py . $(BIN) --points 150 --subjects 20000
	python3 tests/concurrency/race.py . $(BIN) --seconds 300

fuzz: sanitize
	for t in $(FUZZ_TARGETS); do python3 fuzz/run.py $$t build-sanitize --seconds $(FUZZ_SECONDS) || exit 1; done

bench:
	./scripts/install-deps test
	$(MAKE) --no-print-directory build
	python3 bench/run --scale 0.01

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-sanitize demo
