"""Plan files: the computed split as TOML the user can edit, and reading an edited one back.

```toml
[layers]
db_session = "services"   # fixture, line 120: uses sqlalchemy
```
Keys are unit keys (the unit's name, plus ``@line`` when a name is defined twice).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

from codemods.errors import ConfigError
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan, unit_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


def dump_plan(plan: SplitPlan, source_name: str) -> str:
    """The plan as TOML, one line per placed unit in source order, with why in a comment."""
    lines = [
        f"# conftest-codemods plan for {source_name}: edit a layer, then run",
        f"#   conftest-codemods migrate {source_name} --from-plan <this file>",
        "# Dependencies still win: a unit moves up if something it needs is in a higher layer.",
        "",
        "[layers]",
    ]
    model = plan.model
    for index, placement in sorted(plan.placements.items()):
        unit = model.units[index]
        key = json.dumps(unit_key(model, unit))
        note = f"{unit.kind.value}, line {unit.line}: {placement.wish.why}"
        lines.append(f"{key} = {json.dumps(placement.layer.label)}  # {note}")
    return "\n".join(lines) + "\n"


def load_plan(path: Path) -> Mapping[str, Layer]:
    """Unit key -> layer from an edited plan file."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "no such plan file", "write one with --plan") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot read plan: {error}", "fix the TOML") from None
    table = document.get("layers")
    if not isinstance(table, dict) or set(document) - {"layers"}:
        raise ConfigError(path, "a plan file holds one [layers] table", "regenerate it with --plan")
    overrides: dict[str, Layer] = {}
    for key, value in table.items():
        try:
            overrides[key] = Layer.parse(str(value))
        except ValueError as error:
            raise ConfigError(path, f"{key}: {error}", "fix the layer name") from None
    return overrides
