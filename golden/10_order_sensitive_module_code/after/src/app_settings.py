"""Settings read once, at import time, from the environment."""

import os

MODE = os.environ["APP_MODE"]  # KeyError if imported before APP_MODE is set
DEBUG = MODE != "production"
