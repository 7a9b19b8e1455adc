# The front door. `make run` sets up, builds and starts SkillBrain on http://localhost:8080 with demo
# data; `make test` runs every test. See README.md.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
DATA_DIR ?= ./data
DB ?= sqlite:$(DATA_DIR)/skillbrain.db
PORT ?= 8080

.PHONY: all deps build web run live-demo test test-unit test-api test-e2e bench clean

all: build

deps:
	@bash scripts/setup-deps.sh

# Configure once, then build incrementally; the binary is copied to build/skillbrain.
build: deps
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset $(PRESET) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@cp -f $(BUILD_DIR)/skillbrain build/skillbrain.new && mv -f build/skillbrain.new build/skillbrain
	@$(MAKE) --no-print-directory web

web:
	@if [ -f web/package.json ]; then bash scripts/build-web.sh; fi

run: build
	@bash scripts/run.sh "$(DB)" "$(PORT)"

# As `run`, with simulated judges marking what the demo left unmarked (2 marks a second): the big
# screens at /screen/e1 … move as a live competition would.
live-demo: build
	@SIMULATE=2 bash scripts/run.sh "$(DB)" "$(PORT)"

test: build
	@bash scripts/test-all.sh

test-unit: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-api: build
	@node --test --test-concurrency=1 tests/api/

test-e2e: build
	@cd tests/e2e && npm test

bench:
	@bash bench/http/run.sh

clean:
	rm -rf build
