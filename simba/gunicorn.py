"""gunicorn's settings in production (Dockerfile) and in bench/load.py, so that the benchmark
measures the configuration that is run: `gunicorn simba.wsgi:application -c python:simba.gunicorn`.

Workers: sync processes, 2 × CPUs + 1 for the 2-CPU server (WEB_CONCURRENCY overrides it). A
sync worker waits while PostgreSQL or Redis answers; with 3 workers on 2 CPUs those waits left
CPU idle (bench/load.py at 50 users: the signed-in plan page 0.35× the health view with 3
workers, 0.44× with 5). Workers are recycled now and then so that memory held by large report
renders is given back.
"""

import os

DEFAULT_WORKERS = 5
workers = int(os.environ.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
