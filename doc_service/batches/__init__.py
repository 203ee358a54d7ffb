"""Nightly batches on Celery: submit, issue in leased chunks, build outputs, call back."""
