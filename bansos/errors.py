"""Domain errors of the bansos workflow.

Both are `ValidationError` subclasses, so a view can catch `django.core.exceptions.ValidationError`
once and show `e.messages` (always formal Indonesian, citing the article). `full_clean()` errors
raised by the services are plain `ValidationError`s with a `message_dict`; the same catch shows
them too. A permohonan outside the user's wilayah is `PermohonanTidakDitemukan` (an `Http404`), so
a view that forgot to scope still answers 404, never "exists but forbidden".
"""

from django.core.exceptions import ValidationError
from django.http import Http404


class BansosError(ValidationError):
    """Base class: `.message` is the Indonesian text, `.code` a short greppable code."""

    def __init__(self, message: str, code: str | None = None, params=None):
        super().__init__(message, code=code, params=params)

    def __str__(self):
        return self.message


class AturanDilanggar(BansosError):
    """A rule of RULES.md section 2 (B1–B8) forbids what was asked."""


class LangkahTidakSah(BansosError):
    """The step does not fit: wrong status, wrong role, or the same officer twice."""


class TidakDitemukan(Http404):
    """Outside the user's wilayah: answered exactly like a record that does not exist."""

    def __init__(self, message: str = "Data tidak ditemukan."):
        super().__init__(message)
        self.message = message


class PermohonanTidakDitemukan(TidakDitemukan):
    def __init__(self, message: str = "Permohonan tidak ditemukan."):
        super().__init__(message)
