"""gunicorn's settings in production (Dockerfile) and in bench/load.py, so that the benchmark
measures the configuration that is run: `gunicorn simba.wsgi:application -c python:simba.gunicorn`.

Workers: sync processes, 2 × CPUs + 1 for the 2-CPU server (WEB_CONCURRENCY overrides it). A
sync worker waits while PostgreSQL or Redis answers; with 3 workers on 2 CPUs those waits left
CPU idle (bench/load.py at 50 users: the signed-in plan page 0.35× the health view with 3
workers, 0.44× with 5).

Workers are recycled now and then so that memory they hold is given back (reports render in the
Celery worker, not here); not too often: a new worker costs ~2.7 s of CPU (importing Django
and the apps, its first requests), which after every 2000 requests came to ~1.3 ms per request,
twice what the health view costs; after 20000 it is ~0.13 ms.
"""

import os

DEFAULT_WORKERS = 5
workers = int(os.environ.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
timeout = 60
graceful_timeout = 30
max_requests = 20000
max_requests_jitter = 2000
accesslog = "-"
