"""Classification signals: which layer a unit *looks like* it belongs to, from what it uses.

Signals are qualified names of imported things (``unittest.mock.MagicMock`` -> mocks,
``sqlalchemy.create_engine`` -> services, ``subprocess.Popen`` -> e2e), the project's own
packages (-> services) and fixture-name patterns. They are hints: the planner's dependency
propagation and always-loaded constraints have the last word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from codemods.analysis.units import Unit
from codemods.layers import Layer

MODULE_SIGNALS: Mapping[Layer, tuple[str, ...]] = {
    Layer.MOCKS: (
        "unittest.mock",
        "mock",
        "pytest_mock",
        "fakeredis",
        "responses",
        "respx",
        "requests_mock",
        "aioresponses",
        "freezegun",
        "time_machine",
        "moto",
        "pytest_httpx",
        "pyfakefs",
    ),
    Layer.SERVICES: (
        "sqlite3",
        "sqlalchemy",
        "psycopg",
        "psycopg2",
        "asyncpg",
        "aiosqlite",
        "pymysql",
        "MySQLdb",
        "redis",
        "aioredis",
        "pymongo",
        "motor",
        "elasticsearch",
        "httpx",
        "requests",
        "aiohttp",
        "urllib.request",
        "http.client",
        "urllib3",
        "boto3",
        "botocore",
        "aiobotocore",
        "google.cloud",
        "azure",
        "kafka",
        "aiokafka",
        "confluent_kafka",
        "pika",
        "aio_pika",
        "celery",
        "clickhouse_driver",
        "clickhouse_connect",
        "cassandra",
        "neo4j",
        "grpc",
        "fastapi",
        "starlette",
        "flask",
        "django",
    ),
    Layer.E2E: (
        "subprocess",
        "docker",
        "testcontainers",
        "selenium",
        "playwright",
        "pyppeteer",
        "splinter",
        "uvicorn",
        "multiprocessing",
        "webbrowser",
        "pexpect",
    ),
}
NAME_SIGNALS: Mapping[Layer, tuple[str, ...]] = {
    Layer.MOCKS: ("mock_*", "*_mock", "mocked_*", "fake_*", "*_fake", "stub_*", "*_stub"),
    Layer.E2E: ("*e2e*", "*browser*", "*launcher*", "*staging*", "live_server*"),
}
PRECEDENCE = (
    ("name", Layer.MOCKS),
    ("name", Layer.E2E),
    ("module", Layer.E2E),
    ("module", Layer.MOCKS),
    ("module", Layer.SERVICES),
)
"""Mock-looking names beat everything (a ``mock_launcher`` is a mock); then e2e, mocks, services."""


@dataclass(frozen=True)
class Classification:
    layer: Layer
    reason: str


@dataclass(frozen=True)
class Classifier:
    """Classifies units from module signals, name patterns and the project's own packages."""

    extra_signals: Mapping[Layer, tuple[str, ...]]
    first_party: frozenset[str]

    def classify(self, unit: Unit) -> Classification:
        names = [unit.name, *(fixture.name for fixture in unit.fixtures)]
        for source, layer in PRECEDENCE:
            if source == "name":
                pattern = _first_match(names, NAME_SIGNALS.get(layer, ()))
                if pattern:
                    return Classification(layer, f"its name matches {pattern}")
            else:
                module = self._module_signal(unit.uses, layer)
                if module:
                    return Classification(layer, f"it uses {module}")
        return Classification(Layer.BASE, "no signal")

    def _module_signal(self, uses: Iterable[str], layer: Layer) -> str | None:
        prefixes = (*MODULE_SIGNALS[layer], *self.extra_signals.get(layer, ()))
        for used in sorted(uses):
            if any(used == prefix or used.startswith(f"{prefix}.") for prefix in prefixes):
                return used
            if layer is Layer.SERVICES and used.split(".")[0] in self.first_party:
                return f"{used} (the project's own code)"
        return None


def _first_match(names: Iterable[str], patterns: Iterable[str]) -> str | None:
    for pattern in patterns:
        if any(fnmatchcase(name.lower(), pattern) for name in names):
            return pattern
    return None
