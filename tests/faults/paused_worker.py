"""`python -m tests.faults.paused_worker <celery arguments>`: a Celery worker whose report job
stops at a known point in the render (the PDF is being made), writes SIMBA_TEST_RENDER_MARKER
and waits there, so a test can kill it mid-render however fast rendering is. Test-only: the
application code has no hook for it."""

import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
    import django

    django.setup()
    from reports import tasks

    marker = Path(os.environ["SIMBA_TEST_RENDER_MARKER"])

    def render_and_wait(*args, **kwargs):
        marker.write_text(str(os.getpid()))
        time.sleep(3600)  # until killed

    tasks.render_documents = render_and_wait  # what the task calls to make its files
    from celery.__main__ import main as celery

    sys.argv = ["celery", *sys.argv[1:]]
    celery()


if __name__ == "__main__":
    main()
