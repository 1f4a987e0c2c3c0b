# CrampCare: `make run` to use it, `make test` to check everything.
# Both install missing Debian/Ubuntu packages first (with apt when run as
# root, else they print the exact command).

GO          ?= go
BIN         := bin/crampcare
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FYNE        := fyne.io/tools/cmd/fyne@v1.7.4

# What cgo needs to build Fyne 2.8.1 (GLFW 3.4 with X11 and Wayland).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev \
	libxkbcommon-dev wayland-protocols
# What the tests add: an X server, window lookup, screenshots, a session
# bus, xz for the package check, and pdftotext to read the report back.
TEST_PKGS := $(BUILD_PKGS) xvfb xdotool x11-utils coreutils imagemagick dbus xz-utils poppler-utils

# The Windows cross-compiler for `make windows`; Wine 8 to run the result
# (`make windows-wine`).
WIN_PKGS  := gcc-mingw-w64-x86-64
WINE_PKGS := wine64
# NSIS for `make windows-installer`.
NSIS_PKGS := nsis

# toml reads `Key = value` from the root FyneApp.toml (quotes dropped), the
# one place for the app's name, ID, version and icon.
toml = $(shell sed -n 's/^$(1) *= *"\{0,1\}\([^"]*\)"\{0,1\} *$$/\1/p' FyneApp.toml | head -n 1)

# Packages that need cgo on macOS, so `make vet-darwin` cannot build them
# here: Fyne's OpenGL driver (ui, and cmd/crampcare which links it) and
# fyne.io/systray's Cocoa code (tray, and agent which uses it). Every
# other package is compiled and vetted for macOS.
DARWIN_CGO_ONLY := /(cmd/crampcare|internal/agent|internal/tray|internal/ui)$$
# Likewise on Windows: only Fyne needs cgo there.
WINDOWS_CGO_ONLY := /(cmd/crampcare|internal/ui)$$

.PHONY: all run build deps test-deps test unit smoke lint vet vet-darwin vet-windows staticcheck bench fuzz fuzz-runs package windows windows-installer windows-wine screenshots clean

all: build

# ensure-pkgs installs the Debian packages in $(1) that are missing.
define ensure-pkgs
	@if command -v dpkg-query >/dev/null 2>&1; then \
		missing=""; \
		for p in $(1); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
		done; \
		if [ -n "$$missing" ]; then \
			if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
				echo "Installing:$$missing"; \
				apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
			else \
				echo "Missing packages:$$missing"; \
				echo "Install them with:  sudo apt-get install -y$$missing"; \
				exit 1; \
			fi; \
		fi; \
	else \
		echo "Not a Debian/Ubuntu system: make sure a C compiler and the OpenGL/X11 headers are installed (see README)."; \
	fi
endef

deps:
	$(call ensure-pkgs,$(BUILD_PKGS))

test-deps:
	$(call ensure-pkgs,$(TEST_PKGS))

build: deps
	$(GO) build -o $(BIN) ./cmd/crampcare

# Starts the tray agent on the default data folder (see README); Ctrl+C stops it.
run: build
	./$(BIN)

vet: vet-darwin vet-windows
	$(GO) vet ./...
	$(GO) vet -tags smoke ./internal/smoke/
	$(GO) vet -tags crampcare_testhooks ./internal/wallclock/ ./cmd/crampcare/

# macOS cannot be run here: every package that builds for it without cgo
# is compiled and vetted for it, so a darwin-only file cannot break unseen.
vet-darwin:
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) vet $$($(GO) list ./... | grep -v -E '$(DARWIN_CGO_ONLY)')

# The same for Windows, tests included (make windows builds the rest).
vet-windows:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) vet $$($(GO) list ./... | grep -v -E '$(WINDOWS_CGO_ONLY)')

staticcheck:
	$(GO) run $(STATICCHECK) ./...

lint: deps vet staticcheck
	@test -z "$$(gofmt -l cmd internal assets)" || { echo "gofmt needed:"; gofmt -l cmd internal assets; exit 1; }

unit: test-deps
	$(GO) test -race -count=1 ./...

# Fuzz every parser of outside input for FUZZTIME each. `make unit` already
# runs the committed seed corpora (testdata/fuzz) as ordinary tests.
FUZZTIME ?= 30s
FUZZ_TARGETS := FuzzParseTime:./internal/input FuzzParseClockDurationInt:./internal/input \
	FuzzNormalize:./internal/settings FuzzReadJSON:./internal/export FuzzRequest:./internal/api
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; pkg=$${t#*:}; \
		echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# make test fuzzes each target for a number of runs, not of seconds: with a
# duration, Go 1.26's fuzz coordinator can fail a run at its deadline when
# the machine is busy, having found nothing (golang/go#75804, fixed in Go
# 1.27). The counts take a few seconds each here; the API's target sends
# every input to every route, so it gets fewer.
FUZZ_RUNS := FuzzParseTime:./internal/input:20000x FuzzParseClockDurationInt:./internal/input:20000x \
	FuzzNormalize:./internal/settings:20000x FuzzReadJSON:./internal/export:20000x FuzzRequest:./internal/api:1000x
fuzz-runs: deps
	@for t in $(FUZZ_RUNS); do \
		name=$${t%%:*}; rest=$${t#*:}; pkg=$${rest%%:*}; runs=$${rest#*:}; \
		echo "fuzz $$name ($$pkg) for $$runs"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $$runs $$pkg || exit 1; \
	done

# The real binary under Xvfb with a private session bus (see internal/smoke).
smoke: test-deps build
	CRAMPCARE_BIN=$(CURDIR)/$(BIN) $(GO) test -tags smoke -count=1 -timeout 25m -v -run 'Tray|Reminders|KilledMidWrite|DamagedStore|NoNetwork|Autostart|DiskFull|Sleep|NoClockHook|TwoDataFolders|ReadOnlyDataFolder|CutEmptyOrBucketless|DoctorOnAMissingFolder|Probe|UpdatedInPlace|Welcome|LargeText' ./internal/smoke/

test: test-deps lint unit smoke package windows windows-installer windows-wine
	CRAMPCARE_PACKAGE=$(CURDIR)/build/CrampCare.tar.xz CRAMPCARE_WINDOWS_EXE=$(CURDIR)/build/crampcare.exe \
		$(GO) test -tags smoke -count=1 -v -run 'TestPackage|TestWindowsBinary' ./internal/smoke/
	$(MAKE) fuzz-runs

# The Windows program, cross-built with mingw-w64 as a GUI (no console)
# binary by `fyne package -os windows`, which links in the icon and the
# version from the root FyneApp.toml (read here and passed as flags, so no
# second FyneApp.toml is ever written). 16 minutes on a cold build cache
# on a busy 2-core machine, about a minute warm. fyne package builds in the
# main package's folder (writing fyne.syso and fyne_metadata_init.go there
# for the build's time, so nothing else may build that folder meanwhile)
# and leaves CrampCare.exe there; the installer and the tests use
# build/crampcare.exe.
windows:
	$(call ensure-pkgs,$(WIN_PKGS))
	mkdir -p build/tools
	GOBIN=$(CURDIR)/build/tools $(GO) install $(FYNE)
	cd cmd/crampcare && CC=x86_64-w64-mingw32-gcc GOARCH=amd64 $(CURDIR)/build/tools/fyne package -os windows --release \
		--name $(call toml,Name) --app-id $(call toml,ID) --app-version $(call toml,Version) \
		--app-build $(call toml,Build) --icon $(CURDIR)/$(call toml,Icon)
	mv -f cmd/crampcare/CrampCare.exe build/crampcare.exe

# The per-user Windows installer (NSIS, no administrator rights):
# build/CrampCare-Setup.exe, from installer/windows/crampcare.nsi.
windows-installer: windows
	$(call ensure-pkgs,$(NSIS_PKGS))
	makensis -V2 -DVERSION=$(call toml,Version) -DEXE=$(CURDIR)/build/crampcare.exe \
		-DICON=$(CURDIR)/$(call toml,Icon) -DOUTFILE=$(CURDIR)/build/CrampCare-Setup.exe installer/windows/crampcare.nsi

# The Windows program under Wine 8 on a private Xvfb and Wine prefix
# (internal/smoke/wine_test.go): some packages' tests built for Windows
# (the API over the named pipe, waiting across a sleep), the installer, the
# installed crampcare.exe end to end, the uninstaller. About 2.5 minutes
# once built.
windows-wine: test-deps build windows windows-installer
	$(call ensure-pkgs,$(WINE_PKGS))
	CRAMPCARE_BIN=$(CURDIR)/$(BIN) CRAMPCARE_WINDOWS_EXE=$(CURDIR)/build/crampcare.exe \
		CRAMPCARE_WINDOWS_INSTALLER=$(CURDIR)/build/CrampCare-Setup.exe \
		$(GO) test -tags smoke -count=1 -v -timeout 15m -run 'TestWindowsUnderWine' ./internal/smoke/

# Idle CPU and RSS of the agent, launch-to-window time, the windows over ten
# years of heavy use, store write latency.
bench: test-deps build
	CRAMPCARE_BIN=$(CURDIR)/$(BIN) $(GO) test -tags smoke -run '^$$' -bench 'AgentIdle' -benchtime 1x -count=1 ./internal/smoke/
	CRAMPCARE_BIN=$(CURDIR)/$(BIN) $(GO) test -tags smoke -run '^$$' -bench 'LaunchToMainWindow|TrayClickToRelief' -benchtime 10x -count=1 ./internal/smoke/
	CRAMPCARE_BIN=$(CURDIR)/$(BIN) $(GO) test -tags smoke -run '^$$' -bench 'HeavyDiary' -benchtime 3x -count=1 ./internal/smoke/
	$(GO) test -run '^$$' -bench . -count=1 ./internal/store/ ./internal/report/ ./internal/service/ ./internal/ui/
	$(GO) test -run '^$$' -bench LogCrampAcknowledged -benchtime 1000x -count=1 ./internal/api/

# A Linux package (.tar.xz with binary, .desktop file and icon) from the
# root FyneApp.toml: fyne package runs here, at the root, on the binary
# make built, so no second FyneApp.toml exists anywhere.
# fyne package also bumps Build in the file and rewrites it without its
# comments; the copy put back afterwards keeps the tracked file as it is.
package: build
	mkdir -p build
	cp FyneApp.toml build/FyneApp.toml.keep
	$(GO) run $(FYNE) package --target linux --executable $(BIN) --release; \
		status=$$?; cp build/FyneApp.toml.keep FyneApp.toml; exit $$status
	mv -f CrampCare.tar.xz build/
	@echo "Package: build/CrampCare.tar.xz"

# Fresh screenshots for docs/ from the smoke test.
screenshots: test-deps build
	mkdir -p docs
	CRAMPCARE_BIN=$(CURDIR)/$(BIN) CRAMPCARE_SCREENSHOTS=$(CURDIR)/docs $(GO) test -tags smoke -count=1 -run 'TestScreenshots|TestWelcomeFirstStart|TestTrayNextReminderLine|TestLargeTextWindowsOnScreen' ./internal/smoke/

clean:
	rm -rf bin build
