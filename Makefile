# jmx2run - build, test, sanitize, fuzz, install.
#
#   make                 build ./jmx2run
#   make test            unit tests (CUnit) + integration tests
#   make SANITIZE=1 test the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make deps            install the Debian packages the build and tests need
#   make fuzz            libFuzzer targets (clang) in build/fuzz/
#   make valgrind        representative runs under valgrind's memcheck (tools/valgrind-run)
#   make demo            the README's first command: run the demo-shop sample against the demo server
#   make install PREFIX=/usr/local
#
# Sources are found by wildcard: a new .c file under src/ is built and linked
# without touching this file; a new tests/unit/test_*.c becomes a test program.

PKGS       := libxml-2.0 libcurl libpcre2-8 uuid jansson libcrypto
PKGS       += libzmq msgpack   # the Locust worker (src/worker, issue 8)
TEST_PKGS  := cunit
PREFIX     ?= /usr/local
CC         ?= cc
PKG_CONFIG ?= pkg-config

ifeq ($(SANITIZE),1)
BUILD      := build/san
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT        := -O1 -g
else
BUILD      := build/rel
SAN_FLAGS  :=
OPT        := -O2 -g
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS_PKG := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS_PKG   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

WARN       := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wno-unused-parameter -Wformat=2 -Wno-format-nonliteral
CFLAGS     ?= $(OPT)
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) $(SAN_FLAGS) $(CFLAGS) $(PKG_CFLAGS)
ALL_LDFLAGS := $(SAN_FLAGS) $(LDFLAGS)
LIBS       := $(PKG_LIBS) -lpthread -lm

# what jmx2run --version prints
VERSION    := 0.1.0
ALL_CFLAGS += -DJMX2RUN_VERSION='"$(VERSION)"'

LIB_SRC    := $(sort $(shell find src -name '*.c' ! -path src/main.c))
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ   := $(BUILD)/src/main.o
LIB        := $(BUILD)/libjmx2run.a
BIN        := $(BUILD)/jmx2run

TEST_SUPPORT_SRC := $(sort $(wildcard tests/unit/support/*.c))
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:%.c=$(BUILD)/%.o)
TEST_SRC   := $(sort $(wildcard tests/unit/test_*.c))
TEST_BINS  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

FUZZ_SRC   := $(sort $(wildcard tools/fuzz/fuzz_*.c))
FUZZ_BINS  := $(FUZZ_SRC:tools/fuzz/%.c=build/fuzz/%)

.PHONY: all test unit integration deps fuzz fuzz-smoke demo install clean check-deps
all: jmx2run

# ./jmx2run is always the plain (non-sanitized) build
ifeq ($(SANITIZE),1)
jmx2run: $(BIN)
else
jmx2run: $(BIN)
	@cp $(BIN) jmx2run
endif

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%.o: ALL_CFLAGS += -Itests/unit/support
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS_PKG) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/unit/test_%.o $(TEST_SUPPORT_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJ) $(LIB) $(LIBS) $(TEST_LIBS_PKG)

test: unit integration

unit: $(TEST_BINS) $(BIN)
	@set -e; for t in $(TEST_BINS); do \
	  echo "== $$t"; JMX2RUN=$(abspath $(BIN)) JMX2RUN_ROOT=$(CURDIR) $$t; done

integration: $(BIN) fuzz-smoke
	@JMX2RUN=$(abspath $(BIN)) JMX2RUN_ROOT=$(CURDIR) tests/integration/run-all

# A short run of every fuzz target on its seed corpus, when clang can build them.
fuzz-smoke:
	@if command -v clang >/dev/null 2>&1; then $(MAKE) --no-print-directory fuzz && \
	  tools/fuzz/smoke; else echo "fuzz-smoke: clang not found, skipped"; fi

deps:
	@tools/install-deps

check-deps:
	@$(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) || { echo "missing libraries: run 'make deps'"; exit 1; }

# Fuzz targets: the library built once with clang's fuzzer instrumentation, then one
# program per tools/fuzz/fuzz_*.c.
FUZZ_FLAGS  := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude -g -O1 $(FUZZ_FLAGS) $(PKG_CFLAGS) \
               -DJMX2RUN_VERSION='"$(VERSION)"'
FUZZ_OBJ    := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
.SECONDARY: $(FUZZ_OBJ)
fuzz: $(FUZZ_BINS)
build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<
build/fuzz/fuzz_%: tools/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) -lpthread -lm

# Memcheck over the demo-shop sample, the hostile-server plan and a stop by SIGINT
# (tools/valgrind-run), on a binary of its own built with DWARF 4 debug information,
# which valgrind 3.19 reads whatever the compiler (about 30 s to build, 20 s to run).
.PHONY: valgrind
VG_BUILD := build/valgrind/obj
valgrind:
	@$(MAKE) --no-print-directory SANITIZE=0 BUILD=$(VG_BUILD) CFLAGS="-O1 -g -gdwarf-4" $(VG_BUILD)/jmx2run
	JMX2RUN=$(abspath $(VG_BUILD))/jmx2run tools/valgrind-run

demo: deps jmx2run
	./jmx2run --check samples/demo-shop.jmx
	tools/run-demo samples/demo-shop.jmx -l build/demo-shop.jtl -f

install: jmx2run
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 jmx2run $(DESTDIR)$(PREFIX)/bin/jmx2run
	@if [ -f doc/jmx2run.1 ]; then install -d $(DESTDIR)$(PREFIX)/share/man/man1 && \
	  install -m 644 doc/jmx2run.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi

clean:
	rm -rf build jmx2run

-include $(shell find build -name '*.d' 2>/dev/null)
