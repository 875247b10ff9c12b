"""Planning: which layer each unit goes to. Pure data in, pure data out; no I/O."""

from __future__ import annotations

from codemods.plan.planner import PlanInputs, SplitPlan, plan_split

__all__ = ["PlanInputs", "SplitPlan", "plan_split"]
