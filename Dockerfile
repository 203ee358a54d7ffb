# doc_service: Debian-based image with WeasyPrint's system libraries and the CJK fonts.
# Runtime only: requirements.lock; the test and lint tools of requirements-dev.lock stay out.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DOC_SERVICE_AUTH=on \
    DOC_SERVICE_DATA_DIR=/var/lib/doc_service

WORKDIR /app

# One list of system packages, shared with `make install`.
COPY system-packages.txt scripts/install-system-packages.sh ./
RUN ./install-system-packages.sh system-packages.txt \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin doc_service \
    && mkdir -p /var/lib/doc_service \
    && chown doc_service /var/lib/doc_service

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY app.py gunicorn.conf.py ./
COPY deploy ./deploy
COPY doc_service ./doc_service
COPY schemas ./schemas
COPY templates ./templates
COPY scripts/__init__.py scripts/build_fonts.py ./scripts/
# the pre-subset faces the PDFs embed, checked against the digests the templates pin
RUN python -m scripts.build_fonts

USER 10001
# nginx (deploy/nginx.conf) listens on 8000 and buffers every request; gunicorn serves it on
# loopback 8001 only (deploy/start.sh), so no client ever holds a worker
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["deploy/start.sh"]
