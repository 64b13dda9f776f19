"""Start the task worker and the web server together; stop both on Ctrl+C.

`make run` (default): the demo as an office sees it — DEBUG off, so the Indonesian 403/404/500
pages answer instead of Django's debug pages; WhiteNoise serves the collected static files; no
autoreloader in either process. `make dev` (`--dev`): DEBUG on, both processes reload on a code
change. The address is printed once the server answers, not before.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

HOST = "127.0.0.1"
PORT = 8000


def tunggu_port(
    host: str,
    port: int,
    *,
    batas_detik: float = 60.0,
    jeda: float = 0.2,
    masih_hidup: Callable[[], bool] = lambda: True,
) -> bool:
    """True as soon as something accepts a connection on host:port.

    False when `batas_detik` have passed or `masih_hidup()` says the server process has ended
    (a port already taken, a settings error): then there is no address to announce.
    """
    akhir = time.monotonic() + batas_detik
    while True:
        try:
            with socket.create_connection((host, port), timeout=jeda):
                return True
        except OSError:
            pass
        if not masih_hidup() or time.monotonic() >= akhir:
            return False
        time.sleep(jeda)


def lingkungan(dev: bool) -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if dev:
        env["DEBUG"] = "true"
    else:
        # Set in the environment, which wins over .env (django-environ never overwrites it).
        env["DEBUG"] = "false"
        # The demo runs on this machine over plain http: no production secret to demand and
        # no https for the cookies to require.
        env.setdefault("DINSOS_ALLOW_INSECURE_KEY", "true")
        env["SESSION_COOKIE_SECURE"] = "false"
        env["CSRF_COOKIE_SECURE"] = "false"
    return env


def perintah(dev: bool, py: str = sys.executable, port: int = PORT) -> tuple[list[str], list[str]]:
    """The worker's and the web server's command lines."""
    worker = [py, "manage.py", "db_worker", "--reload" if dev else "--no-reload"]
    server = [py, "manage.py", "runserver", f"{HOST}:{port}"]
    if not dev:
        server.append("--noreload")
    return worker, server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="DEBUG dan pemuatan ulang otomatis")
    parser.add_argument("--port", type=int, default=PORT, help=f"port server (bawaan {PORT})")
    args = parser.parse_args(argv)
    env = lingkungan(args.dev)
    cmd_worker, cmd_server = perintah(args.dev, port=args.port)
    worker = subprocess.Popen(cmd_worker, env=env)
    server = subprocess.Popen(cmd_server, env=env)
    dihentikan = False
    try:
        if tunggu_port(HOST, args.port, masih_hidup=lambda: server.poll() is None):
            mode = " (mode pengembangan, DEBUG aktif)" if args.dev else ""
            print(
                f"\nBuka http://{HOST}:{args.port}/{mode} — akun contoh tercantum di atas "
                "(kata sandi: demo12345).\n",
                flush=True,
            )
        elif server.poll() is None:
            print(
                f"Server belum menjawab di {HOST}:{args.port}; periksa pesan di atas.", flush=True
            )
        server.wait()
    except KeyboardInterrupt:
        dihentikan = True
    finally:
        for proc in (server, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (server, worker):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    # Ctrl+C is how the demo is meant to end: not an error for make.
    return 0 if dihentikan else (server.returncode or 0)


if __name__ == "__main__":
    sys.exit(main())
