# grid: PGXS build.  Each concern is src/<concern>_core.c (plain C, no
# PostgreSQL headers), src/<concern>.c (fmgr glue) and src/<concern>.sql
# (declarations); the install script is src/grid.sql, src/typeio.sql (what
# the int8-backed types share), then their SQL in the order of CONCERNS,
# each followed by its data files (DATA_SQL_<concern>).  Concerns in SQL_ONLY
# have no C.

EXTENSION  = grid
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" grid.control)

CONCERNS   = division division_registry resident_id normalize sms cell access resident address matching synthetic ops reports map roles scaleout
SQL_ONLY   = division_registry resident matching synthetic map roles scaleout
C_CONCERNS = $(filter-out $(SQL_ONLY),$(CONCERNS))

# Reference data shipped in the install script, after its concern's SQL.
DATA_SQL_division_registry = src/data/yichang_divisions.sql
DATA_SQL_map = src/data/yichang_counties.sql
INSTALL_SQL = src/grid.sql src/typeio.sql $(foreach c,$(CONCERNS),src/$(c).sql $(DATA_SQL_$(c)))

MODULE_big = grid
OBJS       = src/grid.o src/typeio.o $(foreach c,$(C_CONCERNS),src/$(c)_core.o src/$(c).o)
OBJS      += src/normalize_tables.o src/normalize_shapes.o src/utf8_core.o
DATA_built = grid--$(EXTVERSION).sql
# Released versions' install scripts, kept unchanged, and the upgrade
# scripts between versions (ALTER EXTENSION grid UPDATE).
DATA       = $(wildcard src/versions/grid--*.sql)

REGRESS      = install $(CONCERNS) settings
REGRESS_OPTS = --inputdir=.

# Concurrency: isolation specs in test/isolation/specs, their output in
# test/isolation/expected (pg_isolation_regress, run by make installcheck).
ISOLATION      = ops_concurrent facts_concurrent keylist_concurrent facts_race
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=postgis --load-extension=grid

EXTRA_CLEAN  = test/unit/*_test test/fuzz/*_fuzz results regression.diffs regression.out output_iso
EXTRA_CLEAN += src/normalize_tables.c src/normalize_tables.c.*

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

grid--$(EXTVERSION).sql: $(INSTALL_SQL) grid.control
	cat $(INSTALL_SQL) > $@

# normalize: its lookup tables are generated at build time from the
# character data of Debian's opencc and unicode-data packages (see
# src/data/normalize_tables.pl); the OpenCC dictionary is dumped as text by
# opencc_dict, so the backend never links OpenCC.
OPENCC_DATA  ?= /usr/share/opencc
UNICODE_DATA ?= /usr/share/unicode
NORMALIZE_SOURCES = $(OPENCC_DATA)/TSCharacters.ocd2 \
	$(UNICODE_DATA)/Unihan_Readings.txt.bz2 $(UNICODE_DATA)/Unihan_Variants.txt.bz2 \
	$(UNICODE_DATA)/UnicodeData.txt src/data/surnames.txt src/data/readings_extra.txt

src/normalize_tables.c: src/data/normalize_tables.pl $(NORMALIZE_SOURCES)
	opencc_dict -i $(OPENCC_DATA)/TSCharacters.ocd2 -o $@.ts.txt -f ocd2 -t text
	perl src/data/normalize_tables.pl $@.ts.txt $(wordlist 2,6,$(NORMALIZE_SOURCES)) > $@.tmp
	rm -f $@.ts.txt
	mv $@.tmp $@

src/normalize_core.o src/normalize.o src/normalize_tables.o: src/normalize_tables.h src/normalize_core.h

# The four-corner codes of look-alike characters: generated from Unihan by
# src/data/shape_tables.pl, but committed (src/normalize_shapes.c says why).
.PHONY: shape-tables
shape-tables:
	perl src/data/shape_tables.pl $(UNICODE_DATA)/Unihan_DictionaryLikeData.txt.bz2 > src/normalize_shapes.c

# cell_core.c rounds exactly as PostGIS does: no fused multiply-add, also
# in the bitcode that JIT inlining uses.
src/cell_core.o: override CFLAGS += -ffp-contract=off
src/cell_core.bc: override BITCODE_CFLAGS += -ffp-contract=off

# Unit tests of the plain-C cores, without a server; TAP output for prove.
UNIT_CC     ?= $(CC)
UNIT_CFLAGS ?= -std=c11 -g -O1 -Wall -Wextra -fsanitize=address,undefined -fno-omit-frame-pointer
UNIT_TESTS   = $(foreach c,$(C_CONCERNS),test/unit/$(c)_test) test/unit/utf8_test

test/unit/%_test: test/unit/%_test.c src/%_core.c src/%_core.h test/unit/tap.h
	$(UNIT_CC) $(UNIT_CFLAGS) -Isrc -Itest/unit -o $@ $< $(filter %_core.c,$^)

# The normalize core also needs its tables and resident_id's parser.
NORMALIZE_CORE = src/normalize_core.c src/normalize_tables.c src/normalize_shapes.c src/resident_id_core.c src/utf8_core.c

test/unit/normalize_test: test/unit/normalize_test.c $(NORMALIZE_CORE) src/normalize_core.h src/normalize_tables.h test/unit/tap.h
	$(UNIT_CC) $(UNIT_CFLAGS) -Isrc -Itest/unit -o $@ $< $(NORMALIZE_CORE)

test/unit/cell_test: override UNIT_CFLAGS += -ffp-contract=off

.PHONY: unit
unit: $(UNIT_TESTS)
	prove -v $(UNIT_TESTS)

# The same unit tests built without sanitizers and run under valgrind.
.PHONY: valgrind
valgrind:
	rm -f $(UNIT_TESTS)
	$(MAKE) UNIT_CFLAGS="-std=c11 -g -O1 -Wall -Wextra" $(UNIT_TESTS)
	for t in $(UNIT_TESTS); do valgrind -q --error-exitcode=1 --leak-check=full $$t > /dev/null || exit 1; done
	rm -f $(UNIT_TESTS)

# Fuzz the plain-C cores with libFuzzer (clang); not part of test/run.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS  = $(patsubst test/fuzz/%_fuzz.c,test/fuzz/%_fuzz,$(wildcard test/fuzz/*_fuzz.c))

test/fuzz/%_fuzz: test/fuzz/%_fuzz.c src/%_core.c src/%_core.h
	clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -o $@ $< $(filter %_core.c,$^)

test/fuzz/normalize_fuzz: test/fuzz/normalize_fuzz.c $(NORMALIZE_CORE) src/normalize_core.h src/normalize_tables.h
	clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -o $@ $< $(NORMALIZE_CORE)

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do $$t -max_total_time=$(FUZZ_SECONDS) -max_len=64 || exit 1; done

# division_core reads typed digits and province codes through resident_id_core.
test/unit/division_test test/fuzz/division_fuzz: src/resident_id_core.c src/resident_id_core.h
# The cores that read or write text do it through the one UTF-8 codec.
$(foreach c,address division ops resident_id sms,test/unit/$(c)_test test/fuzz/$(c)_fuzz): src/utf8_core.c src/utf8_core.h
