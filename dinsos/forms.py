"""The project's form bases, and showing a service's refusal on the page that asked for it.

Every form of the apps derives from `Form` or `ModelForm` here (not Django's directly), so each
text field refuses control characters and each date field is bounded (`dinsos.masukan`); the
rule is enforced by tests/dinsos/test_masukan.py over every form class of the project.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from . import masukan


def amankan(form: forms.BaseForm) -> None:
    """Put the input validators on the form's fields (each form holds its own field copies)."""
    for nama, bidang in form.fields.items():
        if isinstance(bidang, forms.CharField):
            if masukan.tanpa_kendali not in bidang.validators:
                bidang.validators.append(masukan.tanpa_kendali)
        elif isinstance(bidang, forms.DateField) and not any(
            isinstance(v, masukan.BatasTanggal) for v in bidang.validators
        ):
            bidang.validators.append(masukan.batas_untuk(nama))


class MasukanAman:
    """Form mixin: text without control characters, dates from 1900 to a year ahead (ten for an
    end of validity, today for a birth date)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        amankan(self)  # type: ignore[arg-type]  # mixed into a BaseForm subclass only


class Form(MasukanAman, forms.Form):
    pass


class ModelForm(MasukanAman, forms.ModelForm):
    pass


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
