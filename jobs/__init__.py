"""The job engine's Django side: failed jobs kept for admins, and retried from the admin.

Jobs themselves are Huey tasks declared in each app's ``tasks.py`` (the worker,
``manage.py run_huey``, imports them). This app depends on no other app of the portal.
"""
