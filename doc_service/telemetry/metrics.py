"""The service's Prometheus metrics, all named doc_service_*; one place defines every series.

Imported lazily (after gunicorn has set PROMETHEUS_MULTIPROC_DIR in the master), so that in a
worker every value lives in the shared multi-process directory rather than in private memory.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# Renders take 0.05 s (HTML) to several seconds (a long CJK PDF); issues add the store.
SECONDS_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

DOCUMENTS_ISSUED = Counter(
    "doc_service_documents_issued_total",
    "Documents issued and recorded (idempotent replays excluded).",
    ["document_type", "format", "locale"],
)
DOCUMENTS_REFUSED = Counter(
    "doc_service_documents_refused_total",
    "Issue requests the compliance guard refused, once per rule broken.",
    ["document_type", "format", "locale", "rule"],
)
RENDER_SECONDS = Histogram(
    "doc_service_render_seconds",
    "Wall time of one render (issues, previews, comparisons and verification re-renders).",
    ["document_type", "format"],
    buckets=SECONDS_BUCKETS,
)
ISSUE_SECONDS = Histogram(
    "doc_service_issue_seconds",
    "Wall time of one issue end to end: guard, render, pin, store, record.",
    ["document_type", "format"],
    buckets=SECONDS_BUCKETS,
)
HTTP_RESPONSES = Counter(
    "doc_service_http_responses_total",
    "HTTP responses by method, route template (never the raw path) and status class.",
    ["method", "route", "status_class"],
)
DOCUMENTS_PURGED = Counter(
    "doc_service_documents_purged_total",
    "Documents whose bytes and payload the retention purge deleted.",
    ["document_type"],
)
# Gauges are refreshed when /metrics is scraped; "livemax"/"livemin" combine the live workers.
CHAIN_LENGTH = Gauge(
    "doc_service_chain_length",
    "Records in the audit hash chain.",
    multiprocess_mode="livemax",
)
LEGAL_HOLDS = Gauge(
    "doc_service_legal_holds_active",
    "Cases under a legal hold now.",
    multiprocess_mode="livemax",
)
FONTS_MISSING = Gauge(
    "doc_service_fonts_missing",
    "Font families the templates need that fontconfig does not know.",
    multiprocess_mode="livemax",
)
FONT_SUBSETTING = Gauge(
    "doc_service_font_subsetting_available",
    "1 when WeasyPrint can subset fonts with HarfBuzz.",
    multiprocess_mode="livemin",
)
READY = Gauge(
    "doc_service_ready",
    "1 when database, blob store, fonts and templates are all usable.",
    multiprocess_mode="livemin",
)
# Batch items queued/running/done and seconds since the last anchor are defined by the batch
# and evidence features next to their own code, under the same doc_service_ prefix.


def status_class(status: int) -> str:
    """Return '2xx', '4xx', … of an HTTP status."""
    return f"{status // 100}xx"
