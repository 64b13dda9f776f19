from .akses import IZIN_PERAN
from .models import ProfilKantor


def kantor(request):
    user = getattr(request, "user", None)
    izin = (
        IZIN_PERAN.get(getattr(user, "peran", None), frozenset())
        if user and user.is_authenticated
        else frozenset()
    )
    return {"kantor": ProfilKantor.get(), "izin": izin}
