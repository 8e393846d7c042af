-- One round of test/bench/facts_lock.sql: the insert with this version's
-- trigger function, then with the previous one, then this one put back.
INSERT INTO fig SELECT :run, 'this', bench_insert();
\i /tmp/grid_bench_prev_reading_follow.sql
INSERT INTO fig SELECT :run, 'previous', bench_insert();
\i /tmp/grid_bench_this_reading_follow.sql
