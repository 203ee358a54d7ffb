"""What gunicorn itself answers: no server banner, and its own errors as problem+json.

gunicorn writes a `Server: gunicorn` header on every response and answers requests it cannot
parse (bad request line, 414, 431) with an HTML page that echoes the offending input. Behind
nginx nobody sees either; served directly (`make run`, a test) they would name the server and
break the one error envelope of the API. gunicorn.conf.py applies this in each worker.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from doc_service.api.problems import PROBLEM_BASE

SERVER_NAME = "doc_service"
_SLUGS = {
    400: "bad-request",
    403: "forbidden",
    414: "uri-too-long",
    417: "expectation-failed",
    431: "headers-too-large",
    500: "internal",
    501: "not-implemented",
}


def problem_bytes(status: int, reason: str) -> bytes:
    """Return a whole HTTP/1.1 response: a problem naming the status, never the request's text."""
    body = json.dumps(
        {
            "type": PROBLEM_BASE + _SLUGS.get(status, "bad-request"),
            "title": reason,
            "status": status,
        }
    ).encode("utf-8")
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/problem+json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


def write_problem(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """Stand-in for gunicorn.util.write_error: the same call, a problem+json answer."""
    from gunicorn import util

    # mesg quotes the client's request line or header: it is logged by gunicorn, not echoed
    util.write_nonblock(sock, problem_bytes(status_int, reason))


def quiet_gunicorn(*_: Any) -> None:
    """Replace gunicorn's banner and error page in this process (a worker, after the fork)."""
    from gunicorn import util
    from gunicorn.http import wsgi

    wsgi.SERVER = SERVER_NAME
    wsgi.SERVER_SOFTWARE = SERVER_NAME
    util.write_error = write_problem
