"""Showing a service's refusal on the page that asked for it: one way for every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def pasang_galat(form: forms.BaseForm, e: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields; the rest on top."""
    if hasattr(e, "error_dict"):
        for nama, daftar in e.error_dict.items():
            target = nama if nama in form.fields else None
            for galat in daftar:
                form.add_error(target, galat)
    else:
        form.add_error(None, e)


def pesan(e: ValidationError) -> str:
    """All messages of a ValidationError as one sentence (for `messages.error`)."""
    return " ".join(e.messages)


def galat_form(form: forms.BaseForm, pemisah: str = " ") -> str:
    """All errors of a bound form as one sentence, for a message after a redirect."""
    bagian = []
    for nama, daftar in form.errors.items():
        label = form.fields[nama].label if nama in form.fields else ""
        teks = " ".join(str(x) for x in daftar)
        bagian.append(f"{label}: {teks}" if label else teks)
    return pemisah.join(bagian)
