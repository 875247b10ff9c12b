# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Contract tests run against every storage backend this platform supports."""

from conftest_codemods_runtime import memory_profile

import socket
import sqlite3
import sys

import pytest

# Storage backends every contract test runs against.
BACKENDS = ["memory", "sqlite"]
if sys.platform != "win32":
    # socketpair() with AF_UNIX is what the socket backend needs
    BACKENDS.append("socket")

PAYLOAD_SIZES = [1, 64]  # bytes


# ---- backend implementations --------------------------------------------


class MemoryStore:
    def __init__(self):
        self._data = {}

    def set(self, key, value):
        self._data[key] = value

    def get(self, key):
        return self._data.get(key)

    def close(self):
        self._data.clear()


class SqliteStore:
    def __init__(self):
        self._conn = sqlite3.connect(":memory:")
        self._conn.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB)")

    def set(self, key, value):
        self._conn.execute("REPLACE INTO kv VALUES (?, ?)", (key, value))

    def get(self, key):
        row = self._conn.execute(
            "SELECT value FROM kv WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else None

    def close(self):
        self._conn.close()


class SocketStore(MemoryStore):
    """Every value makes a round trip through a socket pair before it is stored."""

    def __init__(self):
        super().__init__()
        self._left, self._right = socket.socketpair()

    def set(self, key, value):
        self._left.sendall(len(value).to_bytes(4, "big") + value)
        size = int.from_bytes(self._right.recv(4), "big")
        received = b""
        while len(received) < size:
            received += self._right.recv(size - len(received))
        super().set(key, received)

    def close(self):
        self._left.close()
        self._right.close()
        super().close()


_FACTORIES = {"memory": MemoryStore, "sqlite": SqliteStore, "socket": SocketStore}


# ---- fixtures --------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
@memory_profile("backend name", "MINIMAL")
def backend_name(request):
    return request.param  # ids are the plain names: [memory], [sqlite], [socket]


@pytest.fixture(params=BACKENDS, ids=[f"{name}-store" for name in BACKENDS])
@memory_profile("store", "MINIMAL")
def store(request):
    instance = _FACTORIES[request.param]()
    yield instance
    instance.close()


@pytest.fixture(params=PAYLOAD_SIZES, ids=lambda size: f"{size}B")
@memory_profile("payload", "MINIMAL")
def payload(request):
    return bytes(range(request.param))
