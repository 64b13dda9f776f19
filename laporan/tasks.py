"""Tasks run by the worker: `python manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task


@task()
def susun_ekspor(ekspor_id: int) -> None:
    from .ekspor import jalankan

    jalankan(ekspor_id)
