# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import asyncio
import sys
import pytest_asyncio


# ---- end to end: a child process driven through asyncio -------------------


@pytest_asyncio.fixture
@memory_profile("e2e process", "HIGH")
async def e2e_process():
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "import sys; print(sys.stdin.readline().strip()[::-1])",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    yield process
    if process.returncode is None:
        process.kill()
    await process.wait()
