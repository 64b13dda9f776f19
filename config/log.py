"""Logging filters: one concise line per request that went wrong on the client's side.

A 404 or 403 is an everyday event (a mistyped address, another wilayah's record, a role without
the right); Django logs it with the traceback of the Http404/PermissionDenied that produced it,
which says nothing the one line "Not Found: /path" does not. Server errors keep theirs.
"""

import logging


class RingkasKesalahanKlien(logging.Filter):
    """django.request: drop the traceback of a 4xx, keep the single line."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


class TanpaBarisServer4xx(logging.Filter):
    """django.server (runserver's access line): leave a 4xx to django.request, which names it.

    Without this a 404 under `make run` prints twice: "Not Found: /x" and '"GET /x" 404'.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        return not (isinstance(status, int) and 400 <= status < 500)
