# avitui — build, demo, tests, install. Every target installs the Debian packages it needs.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
BIN := .build/debug/avitui
RELEASE_BIN := .build/release/avitui
DEB_PACKAGES := libncurses-dev libcurl4-openssl-dev tmux mandoc python3-venv prometheus curl jq

.PHONY: all deps build release demo test unit-tests sdk-check e2e lint-man prometheus-rules golden install uninstall bench clean

all: build

# Installs missing Debian packages (as root, or through sudo when available).
deps:
	@./scripts/install-deps.sh $(DEB_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: build
	$(BIN) demo

# The whole suite: the import check (the design's arrows), unit and simulator tests, the
# official Python SDK against the simulator,
# the man page lint, the alert rules under promtool, a real Prometheus scraping the exporter,
# and the end-to-end tmux walk-through.
test: deps
	./scripts/check-imports.sh --self-test
	./scripts/check-imports.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	AVITUI=$(BIN) ./scripts/sdk-check.sh
	$(MAKE) lint-man
	$(MAKE) prometheus-rules
	./scripts/prometheus-e2e.sh $(BIN)
	./scripts/e2e-tmux.sh $(BIN)

# Records the golden screens (Tests/TerminalUITests/Golden) after an intended change; review the diff.
golden: deps
	$(SWIFT) build --build-tests
	AVITUI_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenScreenTests
	git status --short Tests/TerminalUITests/Golden

# The shipped alert rules: promtool lints them and runs their unit tests.
prometheus-rules:
	promtool check rules contrib/prometheus/avitui.rules.yml
	cd contrib/prometheus && promtool test rules avitui.rules.test.yml

lint-man:
	mandoc -Tlint -W warning man/avitui.1
	@for page in man/*.5; do [ -f "$$page" ] && mandoc -Tlint -W warning "$$page"; done; true

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/avitui/themes
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/avitui
	install -m 0644 man/avitui.1 $(DESTDIR)$(PREFIX)/share/man/man1/avitui.1
	@for page in man/*.5; do [ -f "$$page" ] && install -m 0644 "$$page" $(DESTDIR)$(PREFIX)/share/man/man5/; done; true
	install -m 0644 Sources/Console/Themes/Builtin/*.toml $(DESTDIR)$(PREFIX)/share/avitui/themes/
	./scripts/install-completions.sh $(RELEASE_BIN) $(DESTDIR)$(PREFIX)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/avitui $(DESTDIR)$(PREFIX)/share/man/man1/avitui.1
	rm -f $(DESTDIR)$(PREFIX)/share/man/man5/avitui-config.5 $(DESTDIR)$(PREFIX)/share/man/man5/avitui-theme.5
	rm -rf $(DESTDIR)$(PREFIX)/share/avitui
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/avitui \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_avitui \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/avitui.fish

bench: deps
	./scripts/bench.sh

clean:
	rm -rf .build
