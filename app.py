"""WSGI entry point: ``gunicorn app:app``."""

from doc_service import create_app

app = create_app()
