"""Domain errors of the bansos workflow.

The rule errors are `ValidationError` subclasses, so a view can catch
`django.core.exceptions.ValidationError` once and show `e.messages` (always formal Indonesian,
citing the rule or article). `full_clean()` errors raised by the services are plain
`ValidationError`s with a `message_dict`; the same catch shows them too. A permohonan outside the
user's wilayah is `PermohonanTidakDitemukan`, the service kit's `TidakDitemukan` (an `Http404`),
so a view that forgot to scope still answers 404, never "exists but forbidden".
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from dinsos.services import TidakDitemukan

__all__ = [
    "BansosError",
    "AturanDilanggar",
    "AturanBelumDitetapkan",
    "LangkahTidakSah",
    "TidakDitemukan",
    "PermohonanTidakDitemukan",
]


class BansosError(ValidationError):
    """Base class: `.message` is the Indonesian text, `.code` a short greppable code."""

    def __init__(
        self, message: str, code: str | None = None, params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, code=code, params=params)

    def __str__(self) -> str:
        return str(self.message)


class AturanDilanggar(BansosError):
    """A rule of docs/rules.md (B1–B8) forbids what was asked."""


class AturanBelumDitetapkan(AturanDilanggar):
    """The rules of a Tahun Anggaran were never set up (B2, B3, B6 read them)."""


class LangkahTidakSah(BansosError):
    """The step does not fit: wrong status, wrong role, or the same officer twice (B4)."""


class PermohonanTidakDitemukan(TidakDitemukan):
    def __init__(self, message: str = "Permohonan tidak ditemukan.") -> None:
        super().__init__(message)
