"""Fail when modules of the project import each other in a circle, directly or through others.

import-linter's layers contract forbids back-edges between apps; inside an app a circle is
just as much a design error (it is what imports inside functions are usually hiding), so this
walks the whole import graph that import-linter's own library (grimp) builds, imports inside
functions included, and reports every strongly connected set of modules.
"""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAKET = ("config", "dinsos", "ekspor", "ppks", "psks", "bansos", "laporan")


def lingkaran(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    modul = sorted(m for m in graph.modules if not m.split(".")[-1].startswith("test"))
    indeks: dict[str, int] = {}
    rendah: dict[str, int] = {}
    tumpukan: list[str] = []
    di_tumpukan: set[str] = set()
    hasil: list[list[str]] = []
    n = 0

    def kunjungi(awal: str) -> None:
        nonlocal n
        # Iterative, so a deep graph cannot hit the recursion limit.
        kerja = [(awal, iter(sorted(graph.find_modules_directly_imported_by(awal))))]
        indeks[awal] = rendah[awal] = n
        n += 1
        tumpukan.append(awal)
        di_tumpukan.add(awal)
        while kerja:
            v, anak = kerja[-1]
            maju = False
            for w in anak:
                if w not in indeks:
                    indeks[w] = rendah[w] = n
                    n += 1
                    tumpukan.append(w)
                    di_tumpukan.add(w)
                    kerja.append((w, iter(sorted(graph.find_modules_directly_imported_by(w)))))
                    maju = True
                    break
                if w in di_tumpukan:
                    rendah[v] = min(rendah[v], indeks[w])
            if maju:
                continue
            kerja.pop()
            if kerja:
                rendah[kerja[-1][0]] = min(rendah[kerja[-1][0]], rendah[v])
            if rendah[v] == indeks[v]:
                komponen = []
                while True:
                    w = tumpukan.pop()
                    di_tumpukan.discard(w)
                    komponen.append(w)
                    if w == v:
                        break
                if len(komponen) > 1:
                    hasil.append(sorted(komponen))

    for m in modul:
        if m not in indeks:
            kunjungi(m)
    return hasil


def main() -> int:
    graph = grimp.build_graph(*PAKET, include_external_packages=False)
    temuan = lingkaran(graph)
    for komponen in temuan:
        print("import circle:", " <-> ".join(komponen))
    print(f"import circles: {len(temuan)} ({len(graph.modules)} modules)")
    return 1 if temuan else 0


if __name__ == "__main__":
    sys.exit(main())
