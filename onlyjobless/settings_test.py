"""The settings as `make run` reads them, for pytest.

Django's test runner turns DEBUG off for each test anyway; DEBUG=true here only picks the development
defaults the settings derive from it at import (a local SECRET_KEY, plain HTTP, unhashed static files),
and the processes tests start (uvicorn, the worker) inherit it.
"""

import os

os.environ.setdefault("DEBUG", "true")

from onlyjobless.settings import *  # noqa: E402, F403
