"""Start the task worker and the development server together; stop both on Ctrl+C."""

import os
import signal
import subprocess
import sys

PY = sys.executable
env = {**os.environ, "PYTHONUNBUFFERED": "1"}
worker = subprocess.Popen([PY, "manage.py", "db_worker"], env=env)
print("\nBuka http://127.0.0.1:8000/ — akun contoh tercantum di atas (kata sandi: demo12345).\n")
try:
    subprocess.run([PY, "manage.py", "runserver", "127.0.0.1:8000"], env=env, check=False)
except KeyboardInterrupt:
    pass
finally:
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
