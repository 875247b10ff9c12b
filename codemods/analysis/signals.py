"""Classification signals: which layer a unit *looks like* it belongs to, from what it uses.

Signals are qualified names of imported things (``unittest.mock.MagicMock`` -> mocks,
``sqlalchemy.create_engine`` -> services, ``subprocess.Popen`` -> e2e) and fixture-name
patterns. Who needs a fixture comes first (``codemods.analysis.fixture_usage``): signals only
choose between base and mocks, or between services and e2e, and place what no test reaches.
The project's own packages are not a signal: unit tests use its models and factories.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
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
    """Classifies units from module signals and name patterns."""

    extra_signals: Mapping[Layer, tuple[str, ...]]

    def classify(self, unit: Unit, among: Collection[Layer] = tuple(Layer)) -> Classification:
        """The first signal, in ``PRECEDENCE``, for one of the layers ``among`` (base when
        there is none)."""
        names = [unit.name, *(fixture.name for fixture in unit.fixtures)]
        for source, layer in PRECEDENCE:
            if layer not in among:
                continue
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
        return None


def _first_match(names: Iterable[str], patterns: Iterable[str]) -> str | None:
    for pattern in patterns:
        if any(fnmatchcase(name.lower(), pattern) for name in names):
            return pattern
    return None
