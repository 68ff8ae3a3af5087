# aims: the two commands a fresh Debian 12 machine needs are `make demo` and `make test`.
# Everything else here is what they are built from.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JOBS        ?= $(shell nproc)
BUILD       := build/release
ASAN_BUILD  := build/asan
FUZZ_BUILD  := build/fuzz
DEMO_DB     ?= aims-demo.db
DEMO_LISTEN ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 30
CTEST_FLAGS := --output-on-failure --timeout 900 -j2

SOURCES = $(shell git ls-files '*.cpp' '*.h' 2>/dev/null || find src tests bench fuzz -name '*.cpp' -o -name '*.h')

.PHONY: help deps build asan demo demo-seed test test-release test-asan format format-check fuzz bench clean

help:
	@echo "make demo    install what is missing, build, seed $(DEMO_DB), serve on http://$(DEMO_LISTEN)"
	@echo "make test    format check, release + ASan/UBSan builds, every test suite"
	@echo "make fuzz    run each libFuzzer target for $(FUZZ_SECONDS) s"
	@echo "make bench   run the benchmarks (see docs/benchmarks.md)"

deps:
	@scripts/install-deps

# Line tables only, compressed: enough for backtraces, perf and heaptrack, and a tenth of the disk
# that full debug info takes in seventy test executables.
RELEASE_DEBUG := -O2 -g1 -gz -DNDEBUG
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(RELEASE_DEBUG)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(RELEASE_DEBUG)" \
	  -DCMAKE_EXE_LINKER_FLAGS=-Wl,--compress-debug-sections=zlib

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The sanitizer build uses clang 14, so every `make test` also proves clang compiles the code. Its
# modules are shared libraries so that seventy test executables do not each carry a copy of them.
$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang-14 \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DAIMS_SANITIZE=ON -DAIMS_SHARED_LIBS=ON -DAIMS_BENCH=OFF

asan: deps $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	@scripts/demo "$(BUILD)/aims" "$(DEMO_DB)" "$(DEMO_LISTEN)"

format:
	clang-format -i $(SOURCES)

format-check:
	@clang-format --dry-run --Werror $(SOURCES) && echo "clang-format: all files formatted"

# Sanitizers first, then the release build with the browser suite; ctest's summary ends the run.
test: deps format-check build asan test-asan test-release

test-asan:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) $(CTEST_FLAGS) -LE browser

test-release:
	ctest --test-dir $(BUILD) $(CTEST_FLAGS)

$(FUZZ_BUILD)/build.ninja:
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DAIMS_FUZZ=ON -DAIMS_BENCH=OFF -DAIMS_TESTS=OFF

fuzz: deps $(FUZZ_BUILD)/build.ninja
	@scripts/fuzz "$(FUZZ_BUILD)" "$(FUZZ_SECONDS)"

bench: build
	@scripts/bench "$(BUILD)"

clean:
	rm -rf build
