"""The recipient picker's search answer for static/js/pemilih.js (ppks.pemilih).

A POST with the query in the body, so a typed NIK never lands in a URL, a server log or the
browser's history (docs/rules.md section 4); the answer is private and not cached. Without
JavaScript a form's own "Cari" button posts the same query to the form's page instead.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from dinsos import masukan
from dinsos.akses import Izin, perlu_izin

from .. import pemilih


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
@require_POST
def cari(request: HttpRequest) -> JsonResponse:
    jenis = request.POST.get("jenis", "orang")
    if jenis not in pemilih.JENIS:
        jenis = "orang"
    q = request.POST.get("q", "")
    if masukan.ada_kendali(q):
        resp = JsonResponse({"hasil": [], "pesan": masukan.PESAN_KENDALI}, status=400)
        resp["Cache-Control"] = "private, no-store"
        return resp
    hasil = pemilih.cari(request.user, q, jenis)
    resp = JsonResponse({"hasil": [c.sebagai_dict() for c in hasil]})
    resp["Cache-Control"] = "private, no-store"
    return resp
