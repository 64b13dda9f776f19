from typing import Any

from django.http import HttpRequest

from .akses import IZIN_PERAN
from .models import ProfilKantor


def kantor(request: HttpRequest) -> dict[str, Any]:
    # Any: the user, an AnonymousUser, or nothing when no auth middleware ran.
    user: Any = getattr(request, "user", None)
    izin = (
        IZIN_PERAN.get(getattr(user, "peran", ""), frozenset())
        if user and user.is_authenticated
        else frozenset()
    )
    return {"kantor": ProfilKantor.get(), "izin": izin}
