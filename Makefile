# frameshift: common tasks. `make test` is what CI runs (see .ci/run).
GO        ?= go
BIN       ?= bin/frameshift
PKGS      := ./...
FUZZTIME  ?= 30s

.PHONY: all build test check vet fmt golden docs bench fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/frameshift

# The test command of the README: formatting, vet, then every test.
test: check
	$(GO) test -count=1 $(PKGS)

check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

# Regenerate golden files after an intended output change; review the diff.
# The fixtures' expected reports come first: the report goldens are rendered from them.
golden:
	UPDATE_GOLDEN=1 $(GO) test -count=1 ./cmd/...
	UPDATE_GOLDEN=1 $(GO) test -count=1 ./report/... ./estimator/... ./scanner/...

docs: build
	$(BIN) rules --format markdown > docs/rules.md

bench:
	bash .ci/bench.sh $(CORPUS)

# Run every fuzz target for FUZZTIME each.
fuzz:
	bash .ci/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin
