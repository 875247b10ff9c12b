"""What every lint rule builds on, below the rules themselves: the ``Rule`` base class and its
``Finding`` (``rule.py``), the facts of a checked file (``context.py``), suppression comments
(``suppression.py``) and how a prefix names rule codes (``codes.py``).

The lint engine (``codemods.lint``) sits above the rules and runs them; this package sits below
them, so a rule never imports the engine that runs it.
"""
