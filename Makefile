# bienphong - one plain Makefile.
#
#   make run     set up what is missing, build, create a demo database and serve it
#   make test    set up, build with sanitizers, run every suite (unit, API, browser)
#   make bench   the benchmarks under bench/
#   make         just build build/bienphong

CC ?= cc
PKGS := libmicrohttpd jansson sqlite3 libsodium libcrypto libpq expat xlsxwriter
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wwrite-strings -Wvla -Werror
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -Isrc -Ibuild/gen $(WARN) \
        $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

RELEASE_CFLAGS := $(BASE_CFLAGS) -O2 -g
TEST_CFLAGS := $(BASE_CFLAGS) -O1 -g $(SAN)

SRC := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC := $(filter-out src/main.c,$(SRC))
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))
GEN := build/gen/migrations.c
# The catalog and the report templates that ship with the program (src/util/embedded.h).
CATALOG := $(sort $(wildcard catalog/*.csv catalog/*.json))
GEN_FILES := build/gen/files.c

OBJ := $(patsubst src/%.c,build/obj/%.o,$(SRC)) build/obj/gen/migrations.o build/obj/gen/files.o
TOBJ := $(patsubst src/%.c,build/tobj/%.o,$(SRC)) build/tobj/gen/migrations.o build/tobj/gen/files.o
TLIB_OBJ := $(filter-out build/tobj/main.o build/tobj/cli/%,$(TOBJ))

UNIT_SRC := $(sort $(wildcard tests/unit/*/*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/unit/%,$(UNIT_SRC))
UNIT_LIBS := $(LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

# V=1 shows the full commands.
Q := $(if $(V),,@)
PREFIX ?= /usr/local
PORT ?= 8080
DB ?= sqlite:bienphong.db

.PHONY: all run test unit-tests bench setup setup-test setup-bench clean install check-banned demo

all: build/bienphong

build/bienphong: $(OBJ) | check-banned
	@echo '  LD      $@'
	$(Q)$(CC) $(RELEASE_CFLAGS) -o $@ $(OBJ) $(LIBS)

build/test/bienphong: $(TOBJ)
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $(TOBJ) $(LIBS)

build/obj/%.o: src/%.c $(GEN)
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	$(Q)$(CC) $(RELEASE_CFLAGS) -MMD -MP -c -o $@ $<

build/tobj/%.o: src/%.c $(GEN)
	@mkdir -p $(dir $@)
	@echo '  CC [san] $<'
	$(Q)$(CC) $(TEST_CFLAGS) -MMD -MP -c -o $@ $<

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(RELEASE_CFLAGS) -c -o $@ $<

build/tobj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(GEN): build/embed $(MIGRATIONS)
	@mkdir -p $(dir $@)
	$(Q)build/embed $@ $(MIGRATIONS)

$(GEN_FILES): build/embed $(CATALOG)
	@mkdir -p $(dir $@)
	$(Q)build/embed --files $@ $(CATALOG)

build/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

build/tests/unit/%: tests/unit/%.c $(TLIB_OBJ)
	@mkdir -p $(dir $@)
	@echo '  TEST    $@'
	$(Q)$(CC) $(TEST_CFLAGS) -Itests/unit -o $@ $< $(TLIB_OBJ) $(UNIT_LIBS)

# Functions that are easy to misuse (git's banned.h); use the buf_* and
# snprintf forms instead.
check-banned:
	@! grep -nE '(^|[^_a-z])(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|gets)[[:space:]]*\(' \
		$(SRC) $(wildcard src/*/*.h) || { echo "banned function used (see Makefile: check-banned)"; exit 1; }

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

setup-bench:
	@scripts/setup.sh bench

run: setup
	@$(MAKE) --no-print-directory build/bienphong
	build/bienphong init --db $(DB)
	build/bienphong demo --db $(DB)
	build/bienphong serve --db $(DB) --listen 127.0.0.1:$(PORT) --web web

unit-tests: $(UNIT_BIN)

test: setup-test
	@$(MAKE) --no-print-directory check-banned build/test/bienphong unit-tests
	@scripts/run-tests.sh

bench: setup-bench
	@$(MAKE) --no-print-directory build/bienphong
	@bench/run.sh

install: build/bienphong
	install -D -m 0755 build/bienphong $(DESTDIR)$(PREFIX)/bin/bienphong
	mkdir -p $(DESTDIR)$(PREFIX)/share/bienphong
	cp -r web $(DESTDIR)$(PREFIX)/share/bienphong/

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(TOBJ:.o=.d)
