"""gunicorn's settings for this project, read from the directory gunicorn starts in
(``gunicorn pathfinder.wsgi ...`` at the top of the repository, as the README says)."""

# The sync worker, its request loop in one roomy chunk of CPython 3.11's frame stack
# (runtime/stack_room.py: without it, section I crossed a chunk's edge 70 times a request).
worker_class = "runtime.gunicorn_worker.RoomySyncWorker"
