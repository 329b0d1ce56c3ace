# Echt — the two commands a user needs are `make sample` and `make test` (see README.md).
SAMPLE        := $(or $(ECHT_MODELS:%/models=%),$(HOME)/.cache/echt)/samples/astronaut.png
TEST_FLAGS    := -c release -Xswiftc -enable-testing --scratch-path .build-test
OUT           ?= out

# libvips' flags without -pthread (written by `make setup`; see Package.swift).
export PKG_CONFIG_PATH := $(CURDIR)/.build-pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))

.PHONY: setup build sample test bench clean

## setup: install libvips, fetch and verify the models and the sample portrait (idempotent)
setup:
	@bash scripts/setup.sh

## build: release build of the `echt` command
build: setup
	swift build -c release --product echt

## sample: the main job on the bundled sample portrait → $(OUT)/astronaut/
sample: build
	.build/release/echt studio "$(SAMPLE)" --out "$(OUT)" --force

## test: the whole test suite (release build with testing enabled)
test: setup
	@bash scripts/c2pa/setup.sh >/dev/null
	swift build $(TEST_FLAGS) --build-tests
	swift test $(TEST_FLAGS) --skip-build --disable-xctest

## bench: speed and memory benchmarks (release), printed as tables
bench: setup
	swift run -c release echt-bench

clean:
	rm -rf .build .build-test
