"""store.queries.among: an IN list of parameters where an index can answer it, else a semi-join."""

from __future__ import annotations

import duckdb

from accord.store import queries


def test_short_lists_on_an_indexed_column_are_parameters_and_the_rest_one_list():
    assert queries.among("id", ["a", "b"]) == ("id IN (?, ?)", ["a", "b"])
    many = [str(n) for n in range(queries.IN_LIST_MAX + 1)]
    assert queries.among("id", many) == ("id IN (SELECT unnest(?::VARCHAR[]))", [many])
    assert queries.among("id", ["a"], indexed=False) == ("id IN (SELECT unnest(?::VARCHAR[]))", [["a"]])


def test_both_forms_select_the_same_rows():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id VARCHAR PRIMARY KEY, v INTEGER)")
    con.execute("INSERT INTO t SELECT 'k' || i, i FROM range(50) r(i)")
    wanted = ["k3", "k7", "k7", "nope"]
    got = [sorted(con.execute(f"SELECT v FROM t WHERE {cond}", args).fetchall())
           for cond, args in (queries.among("id", wanted), queries.among("id", wanted, indexed=False))]
    assert got[0] == got[1] == [(3,), (7,)]
