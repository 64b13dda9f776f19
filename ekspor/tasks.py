"""Tasks run by the worker: `python manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from .runner import jalankan


@task()
def susun_ekspor(ekspor_id: int) -> None:
    jalankan(ekspor_id)
