"""Which test dependencies the corpus's ``full`` venv installs for a package (``extras.py``)."""

from __future__ import annotations

import email.parser
import zipfile
from pathlib import Path

import pytest

from tests.corpus.extras import choose_extra, extra_requirements, wheel_metadata

# Shaped like sunpy's METADATA: the test extra pulls other extras of the package itself.
METADATA = """\
Metadata-Version: 2.4
Name: Sample_Pkg
Version: 1.0
Requires-Dist: numpy>=1.25
Provides-Extra: map
Requires-Dist: matplotlib>=3.8; extra == "map"
Requires-Dist: scipy; extra == "map"
Provides-Extra: all
Requires-Dist: sample-pkg[map]; extra == "all"
Requires-Dist: oldlib; python_version < "3.0" and extra == "all"
Provides-Extra: tests-only
Requires-Dist: pytest-doctestplus>=1.4; extra == "tests-only"
Requires-Dist: scipy; extra == "tests-only"
Provides-Extra: tests
Requires-Dist: sample_pkg[all,tests-only]; extra == "tests"
Provides-Extra: docs
Requires-Dist: sphinx; extra == "docs"
"""


def parse(text: str = METADATA) -> email.message.Message:
    return email.parser.Parser().parsestr(text, headersonly=True)


def test_the_test_extra_is_expanded_through_the_package_s_own_extras() -> None:
    assert sorted(extra_requirements(parse(), "tests")) == [
        "matplotlib>=3.8",
        "pytest-doctestplus>=1.4",
        "scipy",
    ]


def test_the_first_conventional_name_is_chosen_unless_the_manifest_says() -> None:
    assert choose_extra(parse()) == "tests"
    assert choose_extra(parse(), "tests-only") == "tests-only"
    assert choose_extra(parse(METADATA.replace("Provides-Extra: tests\n", ""))) is None


def test_an_extra_the_package_lacks_is_an_error() -> None:
    with pytest.raises(ValueError, match="no extra 'testing'"):
        choose_extra(parse(), "testing")


def test_metadata_is_read_from_the_wheel(tmp_path: Path) -> None:
    wheel = tmp_path / "sample_pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("sample_pkg/__init__.py", "")
        archive.writestr("sample_pkg-1.0.dist-info/METADATA", METADATA)
    assert wheel_metadata(wheel)["Name"] == "Sample_Pkg"
