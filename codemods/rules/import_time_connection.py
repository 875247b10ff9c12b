"""CC008: A conftest module connects to a database, cache or HTTP service at import time.

A conftest module calls ``sqlite3.connect``, ``sqlalchemy.create_engine``, ``redis.Redis``,
``requests.get``, ``socket.create_connection`` and the like while it is imported (module level,
class bodies, decorators, default values). pytest imports conftests at startup, even for
``--collect-only`` or a single unit test, so every run then needs the service, and hangs or
fails without it. ``sqlite3.connect(":memory:")`` is fine.

Every pytest run, even ``--collect-only``, imports the conftest and so needs the service. Open
the connection in a fixture (session-scoped if it is expensive) in the services layer.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from codemods.analysis.import_time import import_time_nodes, qualified_name
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
CONNECTORS = frozenset(
    {
        "sqlite3.connect",
        "sqlalchemy.create_engine",
        "sqlalchemy.ext.asyncio.create_async_engine",
        "psycopg.connect",
        "psycopg2.connect",
        "pymysql.connect",
        "MySQLdb.connect",
        "redis.Redis",
        "redis.StrictRedis",
        "redis.from_url",
        "redis.Redis.from_url",
        "pymongo.MongoClient",
        "socket.create_connection",
        "urllib.request.urlopen",
        "smtplib.SMTP",
        "pika.BlockingConnection",
        "kafka.KafkaProducer",
        "kafka.KafkaConsumer",
        *(f"requests.{verb}" for verb in _HTTP_VERBS),
        *(f"httpx.{verb}" for verb in _HTTP_VERBS),
    }
)
_IN_MEMORY = frozenset({":memory:", ""})


class ImportTimeConnection(Rule):
    code = "CC008"
    name = "import-time-connection"

    INVALID = (
        Invalid(
            """\
import sqlite3

import pytest

DB = sqlite3.connect("shop.db")


@pytest.fixture
def orders():
    return DB.execute("select * from orders").fetchall()
"""
        ),
    )
    VALID = (
        Valid(
            """\
import sqlite3

import pytest


@pytest.fixture(scope="session")
def db():
    connection = sqlite3.connect("shop.db")
    yield connection
    connection.close()


@pytest.fixture
def orders(db):
    return db.execute("select * from orders").fetchall()
"""
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is FileRole.RUNTIME:
            return
        aliases = context.aliases
        if not _roots(aliases):
            return
        for node in import_time_nodes(context.tree):
            if isinstance(node, ast.Call):
                name = qualified_name(node.func, aliases)
                if name in CONNECTORS and not _in_memory(name, node):
                    yield self.finding(
                        context,
                        node.lineno,
                        f"`{name}()` runs when pytest imports this conftest: open the "
                        "connection in a fixture instead",
                        col=node.col_offset + 1,
                    )


def _roots(aliases: dict[str, str]) -> set[str]:
    """The local names that can lead to a connector (cheap early exit for most files)."""
    return {
        local
        for local, target in aliases.items()
        if any(c == target or c.startswith(f"{target}.") for c in CONNECTORS)
    }


def _in_memory(name: str, call: ast.Call) -> bool:
    """``sqlite3.connect(":memory:")`` touches no service."""
    if name != "sqlite3.connect" or not call.args:
        return False
    first = call.args[0]
    return isinstance(first, ast.Constant) and first.value in _IN_MEMORY
