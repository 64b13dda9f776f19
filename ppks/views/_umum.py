"""Small helpers shared by the registry's views."""

from django.core.exceptions import ValidationError


def pasang_galat(form, e: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields; the rest on top."""
    if hasattr(e, "error_dict"):
        for nama, daftar in e.error_dict.items():
            target = nama if nama in form.fields else None
            for galat in daftar:
                form.add_error(target, galat)
    else:
        form.add_error(None, e)


def pesan(e: ValidationError) -> str:
    return " ".join(e.messages)
