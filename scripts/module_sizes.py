"""Fail when an app module grows past the size a reader can hold in mind (700 lines).

Migrations and data tables (`<app>/data/`) are left out: their length is the data's.
Prints the largest modules so the figure in docs/architecture.md can be checked by anyone.
"""

from __future__ import annotations

import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
PAKET = ("config", "dinsos", "ekspor", "ppks", "psks", "bansos", "laporan")
BATAS = 700


def ukuran() -> list[tuple[int, str]]:
    hasil = []
    for paket in PAKET:
        for p in (AKAR / paket).rglob("*.py"):
            bagian = p.relative_to(AKAR).parts
            if "migrations" in bagian or "data" in bagian:
                continue
            with p.open(encoding="utf-8") as f:
                hasil.append((sum(1 for _ in f), "/".join(bagian)))
    return sorted(hasil, reverse=True)


def main() -> int:
    semua = ukuran()
    for n, nama in semua[:8]:
        print(f"{n:6d}  {nama}")
    lebih = [(n, nama) for n, nama in semua if n > BATAS]
    print(f"modules over {BATAS} lines: {len(lebih)} (of {len(semua)}; largest {semua[0][0]})")
    return 1 if lebih else 0


if __name__ == "__main__":
    sys.exit(main())
