"""Database connections on the answer path."""

from django.db import connections


def release_connections() -> None:
    """Hand this thread's Postgres connections back (to the pool, or closed), outside a transaction.

    The answer path's async requests need Postgres only to find the user; what follows (MongoDB, the
    model, a stream of minutes) needs none, and a connection kept until the response ends would be one
    held per open stream: 200 streams would wait on a pool of 20. Anything that does need one later
    takes one again. (Inside a test's transaction it stays.)
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()
