"""Lint rules with stable codes, one module each; ``RULES`` is the registry, in code order.

Every module here that defines a rule must be listed (a test walks the package to make sure),
and a code is never reused. Fixes run in this order within a file; across files the runner
fixes layer modules before the orchestrator that is generated from them.
"""

from __future__ import annotations

from codemods.rule_base.rule import Finding, Rule
from codemods.rules.asyncio_loop_scope import AsyncioLoopScope
from codemods.rules.fixture_cycle import FixtureCycle
from codemods.rules.gated_autouse import GatedAutouse
from codemods.rules.gated_fixture_reachable import GatedFixtureReachable
from codemods.rules.heavy_import import HeavyImport
from codemods.rules.import_cycle import ImportCycle
from codemods.rules.import_time_connection import ImportTimeConnection
from codemods.rules.layer_violation import LayerViolation
from codemods.rules.memory_profile import MemoryProfile
from codemods.rules.missing_testpaths import MissingTestpaths
from codemods.rules.monolithic_conftest import MonolithicConftest
from codemods.rules.non_root_pytest_plugins import NonRootPytestPlugins
from codemods.rules.orchestrator_definitions import OrchestratorDefinitions
from codemods.rules.stale_orchestrator import StaleOrchestrator
from codemods.rules.unknown_suppression import UnknownSuppression
from codemods.rules.unregistered_marker import UnregisteredMarker
from codemods.rules.unused_suppression import UnusedSuppression

RULES: tuple[Rule, ...] = (
    MonolithicConftest(),
    OrchestratorDefinitions(),
    LayerViolation(),
    StaleOrchestrator(),
    GatedAutouse(),
    FixtureCycle(),
    HeavyImport(),
    ImportTimeConnection(),
    NonRootPytestPlugins(),
    AsyncioLoopScope(),
    MissingTestpaths(),
    UnregisteredMarker(),
    MemoryProfile(),
    GatedFixtureReachable(),
    ImportCycle(),
    UnknownSuppression(lambda: [rule.code for rule in RULES]),
    UnusedSuppression(),
)
BY_CODE = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "RULES", "Finding", "Rule"]
