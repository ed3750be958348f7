"""The portal's settings with the bare-view floor of ``bench.public`` mounted beside the
project's URLs (``bench.public_urls``): the bench's gunicorn only, never deployed."""

from pathfinder.settings import *  # noqa: F403

ROOT_URLCONF = "bench.public_urls"
