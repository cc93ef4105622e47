# The production image: the application with WeasyPrint's system libraries and fonts.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH="/opt/venv/bin:$PATH"

# WeasyPrint needs Pango (with HarfBuzz and fontconfig); DejaVu fonts are embedded in the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN pip install --no-cache-dir uv
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .

# Static files are collected at build time and served by WhiteNoise with hashed names.
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 simba && mkdir -p /data/media && chown -R simba /data /app
USER simba

EXPOSE 8000
CMD ["gunicorn", "simba.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--timeout", "60"]
