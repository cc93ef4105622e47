# The production image: the application with WeasyPrint's system libraries and fonts.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH="/opt/venv/bin:$PATH"

# WeasyPrint: Pango (with HarfBuzz, its subsetter, and fontconfig) and fonts with Swedish letters,
# embedded in the PDFs. postgresql-client (15, as the database) for bin/backup.sh and restore.sh;
# curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig \
        fonts-dejavu-core fonts-liberation2 \
        postgresql-client curl \
    && rm -rf /var/lib/apt/lists/* \
    && fc-cache -f

WORKDIR /app
RUN pip install --no-cache-dir uv
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .

# Static files are collected at build time and served by WhiteNoise with hashed, compressed names.
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v 0

RUN useradd --system --uid 1000 simba && mkdir -p /data/media && chown -R simba /data \
    && chown simba /app
USER simba

EXPOSE 8000
# gunicorn's settings (workers, time-outs, recycling, access log) are in simba/gunicorn.py, which
# bench/load.py uses too; WEB_CONCURRENCY sets the number of worker processes.
CMD ["gunicorn", "simba.wsgi:application", "--config", "python:simba.gunicorn", \
     "--bind", "0.0.0.0:8000"]
