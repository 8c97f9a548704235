# Slate — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
MINIO_VERSION := v0.0.0-20260212201848-7aac2a2c5b7c
HTMX    := static/vendor/htmx.min.js
MINIO   := .cache/bin/minio

.PHONY: run build static test test-deps chromium bench faults vet db-stop clean

## run: bring up the local PostgreSQL if needed, migrate, seed the demo, serve web + workers on :3000
run: build
	./bin/slate serve

## build: compile bin/slate
build: static
	$(GO) build -o bin/slate ./cmd/slate

## static: vendor htmx from the exact version pinned in package-lock.json
static: $(HTMX)
$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cp node_modules/htmx.org/dist/htmx.min.js $@

## test: vet and run every test with the race detector (PostgreSQL, MinIO and Chromium are brought up as needed)
test: static test-deps
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...

test-deps: chromium $(MINIO)

## faults: kill `slate worker` processes in the middle of a 5,000-recipient group message (one worker, then two at
## once) and check each recipient has one notification and at most one e-mail at the SMTP sink (a few minutes)
faults: static
	$(GO) test -tags faults -count=1 -timeout 20m -v ./internal/faults/

## chromium: install Debian's chromium for the browser tests when missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# A real S3-compatible server for the storage tests, built once (~5 min) and cached.
$(MINIO):
	@echo "building MinIO $(MINIO_VERSION) for the storage tests (once; cached in .cache/bin)"
	cd /tmp && GOBIN=$(CURDIR)/.cache/bin GOFLAGS= $(GO) install github.com/minio/minio@$(MINIO_VERSION)

## bench: print speed and memory figures (not part of make test): the photo checks (a 12-megapixel JPEG, the
## 7000×7000 16-bit PNG bomb refused from its header, the largest 16-bit PNG accepted, each with its peak heap and
## the estimate), then the pages under load against a bare Fiber + pgx peer, then browse over 20,000 listings and a
## people tab of 5,000 applicants, and a 10,000-recipient group message end to end (a few minutes; SLATE_BENCH_DURATION, _CONNS, _PAGES, _HEAVY_CONNS, _PPROF: see
## internal/loadbench)
bench: static
	$(GO) test -run '^$$' -bench . -benchtime 3x -cpu 1 ./domain/photocheck/
	$(GO) run ./internal/loadbench
	$(GO) test -tags bench -count=1 -run TestGroupMessageBench -v ./internal/faults/ | grep -v '^time='

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }

## db-stop: stop the project-local PostgreSQL clusters (.data/pg for make run, .data/pgtest for the tests)
db-stop:
	@bin=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); \
	for d in .data/pg .data/pgtest; do \
	  [ -f $$d/postmaster.pid ] || continue; \
	  if [ "$$(id -u)" = 0 ]; then runuser -u postgres -- $$bin/pg_ctl stop -D $$d -m fast || exit 1; \
	  else $$bin/pg_ctl stop -D $$d -m fast || exit 1; fi; \
	done

clean:
	rm -rf bin node_modules static/vendor
