from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .dashboard import panel_beranda


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Each role's landing page: what waits for me, and the counts I may see."""
    return render(
        request,
        "dinsos/beranda.html",
        {"panel": panel_beranda(request), "today": timezone.localdate()},
    )
