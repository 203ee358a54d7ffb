"""Why signing or anchoring could not happen; raised by the evidence steps, mapped by the API."""

from __future__ import annotations


class SigningUnavailable(Exception):
    """The signing key, its password or the time-stamping authority could not be used."""


class TimestampingNotConfigured(Exception):
    """No time-stamping authority is configured, so nothing can be anchored."""
