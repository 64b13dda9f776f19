"""Bar charts drawn on the server as inline SVG: no chart library, no script, no outside request.

Readable on a 390 px phone: a chart whose `viewBox` is scaled down to the screen shrinks its
text with it (a 640-unit-wide chart on a 350 px card prints 12-unit labels at about 6 px).
So the horizontal bars carry no `viewBox` at all: positions across are percentages of the
drawn width and heights are pixels, so every `font-size` is the size on screen at any width.
The monthly columns need the width of a desktop; they come with the same months drawn as
horizontal bars, and the stylesheet shows one or the other by screen width (`.grafik-lebar`,
`.grafik-sempit` in `static/css/app.css`). Every bar carries its value as text.
"""

from collections.abc import Callable
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dinsos.format import angka

# The smallest text drawn, in CSS pixels as rendered (WCAG-readable on a phone).
HURUF = 13
# The column chart is shown only from this viewport width (the stylesheet's breakpoint), where
# its drawing area is at least `LEBAR_KOLOM` wide, so its text never renders below `HURUF`.
LEBAR_KOLOM = 640
WARNA = "#0b5c8c"


def _fmt_default(v) -> str:
    return angka(v)


def _svg(isi: list[str], *, judul: str, kelas: str, tinggi: int, viewbox: str = "") -> SafeString:
    vb = f' viewBox="{viewbox}"' if viewbox else ""
    return mark_safe(
        f'<svg class="grafik {kelas}"{vb} width="100%" height="{tinggi}" role="img" '
        f'aria-label="{escape(judul)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif">{"".join(isi)}</svg>'
    )


def _kosong(judul: str) -> SafeString:
    return mark_safe(f'<p class="muted">{escape(judul)}: belum ada data.</p>')


def batang(
    data: list[tuple[str, Decimal | int]],
    *,
    judul: str,
    fmt: Callable = _fmt_default,
    kelas: str = "",
) -> SafeString:
    """Horizontal bars, one per label (e.g. per kecamatan): the label and its value on one line,
    the bar under them across the full width."""
    if not data:
        return _kosong(judul)
    maks = max((v for _, v in data), default=0) or 1
    baris = HURUF + 26
    isi = []
    for i, (label, v) in enumerate(data):
        y = i * baris
        persen = max(0.5, float(v) / float(maks) * 100) if v else 0
        teks = fmt(v)
        isi.append(
            f"<g><title>{escape(label)}: {escape(teks)}</title>"
            f'<text x="0" y="{y + HURUF + 1}" font-size="{HURUF}">{escape(label)}</text>'
            f'<text x="100%" y="{y + HURUF + 1}" text-anchor="end" font-size="{HURUF}" '
            f'font-weight="600">{escape(teks)}</text>'
            f'<rect x="0" y="{y + HURUF + 6}" width="{persen:.1f}%" height="12" '
            f'fill="{WARNA}" rx="2"></rect></g>'
        )
    return _svg(isi, judul=judul, kelas=kelas, tinggi=baris * len(data))


def kolom(
    data: list[tuple[str, Decimal | int]],
    *,
    judul: str,
    fmt: Callable = _fmt_default,
    tinggi: int = 240,
) -> SafeString:
    """Vertical bars (e.g. one per month) with the value above each bar, for wide screens; the
    same data as horizontal bars for narrow ones."""
    if not data:
        return _kosong(judul)
    lebar = LEBAR_KOLOM
    maks = max((v for _, v in data), default=0) or 1
    bawah, atas = HURUF + 14, HURUF + 10
    area = tinggi - bawah - atas
    lebar_kolom = lebar / len(data)
    # Values are written as short as they can be (`12,5 jt`): a month is ~50 units wide.
    isi = [
        f'<line x1="0" y1="{tinggi - bawah}" x2="{lebar}" y2="{tinggi - bawah}" '
        f'stroke="#999" stroke-width="1"></line>'
    ]
    for i, (label, v) in enumerate(data):
        h = float(v) / float(maks) * area if v else 0
        x = i * lebar_kolom + lebar_kolom * 0.12
        w = lebar_kolom * 0.76
        y = tinggi - bawah - h
        teks = fmt(v)
        isi.append(
            f"<g><title>{escape(label)}: {escape(teks)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{WARNA}" '
            f'rx="2"></rect>'
            f'<text x="{x + w / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" '
            f'font-size="{HURUF}">{escape(_pendek(teks))}</text>'
            f'<text x="{x + w / 2:.1f}" y="{tinggi - bawah + HURUF + 4}" text-anchor="middle" '
            f'font-size="{HURUF}">{escape(label)}</text></g>'
        )
    lebar_svg = _svg(
        isi, judul=judul, kelas="grafik-lebar", tinggi=tinggi, viewbox=f"0 0 {lebar} {tinggi}"
    )
    sempit = batang(data, judul=judul, fmt=fmt, kelas="grafik-sempit")
    return mark_safe(lebar_svg + sempit)


def _pendek(teks: str) -> str:
    """`Rp 12,5 jt` → `12,5 jt` over a column, where the chart's title already says rupiah."""
    return teks.removeprefix("Rp ")


def juta(v) -> str:
    """Short rupiah for chart labels: `Rp 12,5 jt`."""
    v = Decimal(v or 0)
    if v >= 1_000_000_000:
        return f"Rp {v / 1_000_000_000:.1f} M".replace(".", ",")
    if v >= 1_000_000:
        return f"Rp {v / 1_000_000:.1f} jt".replace(".", ",")
    return f"Rp {angka(v)}"
