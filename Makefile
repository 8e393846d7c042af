# grid: PGXS build.  Each concern is src/<concern>_core.c (plain C, no
# PostgreSQL headers), src/<concern>.c (fmgr glue) and src/<concern>.sql
# (declarations); the install script is their SQL in the order of CONCERNS.

EXTENSION  = grid
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" grid.control)

CONCERNS   = division resident_id access

MODULE_big = grid
OBJS       = src/grid.o $(foreach c,$(CONCERNS),src/$(c)_core.o src/$(c).o)
DATA_built = grid--$(EXTVERSION).sql

REGRESS      = install $(CONCERNS)
REGRESS_OPTS = --inputdir=.

EXTRA_CLEAN  = test/unit/*_test test/fuzz/*_fuzz results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

grid--$(EXTVERSION).sql: src/grid.sql $(foreach c,$(CONCERNS),src/$(c).sql) grid.control
	cat src/grid.sql $(foreach c,$(CONCERNS),src/$(c).sql) > $@

# Unit tests of the plain-C cores, without a server; TAP output for prove.
UNIT_CC     ?= $(CC)
UNIT_CFLAGS ?= -std=c11 -g -O1 -Wall -Wextra -fsanitize=address,undefined -fno-omit-frame-pointer
UNIT_TESTS   = $(foreach c,$(CONCERNS),test/unit/$(c)_test)

test/unit/%_test: test/unit/%_test.c src/%_core.c src/%_core.h test/unit/tap.h
	$(UNIT_CC) $(UNIT_CFLAGS) -Isrc -Itest/unit -o $@ $< $(filter %_core.c,$^)

# division_core reads typed digits and province codes through resident_id_core.
test/unit/division_test: src/resident_id_core.c src/resident_id_core.h

.PHONY: unit
unit: $(UNIT_TESTS)
	prove -v $(UNIT_TESTS)

# Fuzz the plain-C cores with libFuzzer (clang); not part of test/run.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS  = $(patsubst test/fuzz/%_fuzz.c,test/fuzz/%_fuzz,$(wildcard test/fuzz/*_fuzz.c))

test/fuzz/%_fuzz: test/fuzz/%_fuzz.c src/%_core.c src/%_core.h
	clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -o $@ $< src/$*_core.c

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do $$t -max_total_time=$(FUZZ_SECONDS) -max_len=64 || exit 1; done
