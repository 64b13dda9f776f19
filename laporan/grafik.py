"""Bar charts drawn on the server as inline SVG: no chart library, no outside request."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dinsos.format import angka


def _fmt_default(v) -> str:
    return angka(v)


def batang(
    data: list[tuple[str, Decimal | int]],
    *,
    judul: str,
    fmt: Callable = _fmt_default,
    lebar: int = 640,
    baris: int = 22,
    label_lebar: int = 150,
) -> SafeString:
    """Horizontal bars, one per label (e.g. per kecamatan)."""
    if not data:
        return mark_safe(f'<p class="muted">{escape(judul)}: belum ada data.</p>')
    maks = max((v for _, v in data), default=0) or 1
    nilai_lebar = 130
    area = lebar - label_lebar - nilai_lebar
    tinggi = baris * len(data) + 6
    isi = []
    for i, (label, v) in enumerate(data):
        y = i * baris + 3
        w = max(1.0, float(v) / float(maks) * area) if v else 0
        teks = fmt(v)
        isi.append(
            f"<g><title>{escape(label)}: {escape(teks)}</title>"
            f'<text x="{label_lebar - 6}" y="{y + baris * 0.65:.1f}" text-anchor="end" '
            f'font-size="12">{escape(label)}</text>'
            f'<rect x="{label_lebar}" y="{y + 3}" width="{w:.1f}" height="{baris - 8}" '
            f'fill="#0b5c8c" rx="2"></rect>'
            f'<text x="{label_lebar + w + 6:.1f}" y="{y + baris * 0.65:.1f}" font-size="12">'
            f"{escape(teks)}</text></g>"
        )
    return mark_safe(
        f'<svg class="grafik" viewBox="0 0 {lebar} {tinggi}" width="100%" role="img" '
        f'aria-label="{escape(judul)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif">{"".join(isi)}</svg>'
    )


def kolom(
    data: list[tuple[str, Decimal | int]],
    *,
    judul: str,
    fmt: Callable = _fmt_default,
    lebar: int = 640,
    tinggi: int = 220,
) -> SafeString:
    """Vertical bars, e.g. one per month."""
    if not data:
        return mark_safe(f'<p class="muted">{escape(judul)}: belum ada data.</p>')
    maks = max((v for _, v in data), default=0) or 1
    bawah, atas = 28, 18
    area = tinggi - bawah - atas
    lebar_kolom = lebar / len(data)
    isi = [
        f'<line x1="0" y1="{tinggi - bawah}" x2="{lebar}" y2="{tinggi - bawah}" '
        f'stroke="#999" stroke-width="1"></line>'
    ]
    for i, (label, v) in enumerate(data):
        h = float(v) / float(maks) * area if v else 0
        x = i * lebar_kolom + lebar_kolom * 0.15
        w = lebar_kolom * 0.7
        y = tinggi - bawah - h
        teks = fmt(v)
        isi.append(
            f"<g><title>{escape(label)}: {escape(teks)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#0b5c8c" '
            f'rx="2"></rect>'
            f'<text x="{x + w / 2:.1f}" y="{tinggi - bawah + 16}" text-anchor="middle" '
            f'font-size="11">{escape(label)}</text></g>'
        )
    return mark_safe(
        f'<svg class="grafik" viewBox="0 0 {lebar} {tinggi}" width="100%" role="img" '
        f'aria-label="{escape(judul)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif">{"".join(isi)}</svg>'
    )


def juta(v) -> str:
    """Short rupiah for chart labels: `Rp 12,5 jt`."""
    v = Decimal(v or 0)
    if v >= 1_000_000_000:
        return f"Rp {v / 1_000_000_000:.1f} M".replace(".", ",")
    if v >= 1_000_000:
        return f"Rp {v / 1_000_000:.1f} jt".replace(".", ",")
    return f"Rp {angka(v)}"
