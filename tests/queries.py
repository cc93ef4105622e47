"""Counting a page's SQL queries, for tests that show a page's cost does not grow with its data."""

from django.db import connection


def count_queries(client, url, params=None) -> int:
    """SQL statements of one GET of `url`, counted at the cursor: CaptureQueriesContext loses the
    queries that come before the request's own reset of the query log. A first, uncounted GET
    lets the page create what it creates on first visit (periods, reports)."""
    client.get(url, params)
    statements = []

    def counter(execute, sql, params_, many, context):
        statements.append(sql)
        return execute(sql, params_, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(url, params).status_code == 200
    assert len(statements) > 3  # the page really reads the database
    return len(statements)
