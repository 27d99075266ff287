"""Every command block a guide tells its reader to run is run here, as written, where this
machine can run it (issue 30): the CLI examples with their claimed output, the key and hash
commands, the trust of the development CA, the nginx sites through ``nginx -t`` and then
requests through them. Blocks run in order, in a sandbox (tests/docs/sandbox.py);
tests/docs/blocks.py says how a block is marked.

Two runs, so that ``make test`` stays fast: by default the blocks that need no server (``run``)
and ``nginx -t`` on every site, in seconds; ``make test-guides`` (``pytest -m guides``) every
block in order, the servers they start and the requests through nginx too, in a minute or two.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs.blocks import COMMAND_LANGUAGES, ROOT, Block, blocks, guides, stray_markers
from tests.docs.sandbox import SITE, Sandbox, first_json, unavailable

ALL = [block for path in guides() for block in blocks(path)]
TESTED = [block for block in ALL if block.kind in ("run", "client", "serve", "nginx")]
QUICK = [block for block in TESTED if block.kind in ("run", "nginx")]


def test_every_command_block_says_whether_and_how_it_is_tested() -> None:
    unmarked = [
        block.name for block in ALL if block.language in COMMAND_LANGUAGES and block.kind is None
    ]
    assert not unmarked, f"mark these blocks (tests/docs/blocks.py says how): {unmarked}"
    wrong = [f"{block.name}: {problem}" for block in ALL for problem in block.problems]
    assert not wrong
    strays = [f"{path.name}:{line}" for path in guides() for line in stray_markers(path)]
    assert not strays, f"markers with no block after them: {strays}"
    assert len(TESTED) >= 20  # the guides' runnable blocks are found


def _sandbox(
    tmp_path_factory: pytest.TempPathFactory, name: str, *, trusted_site: bool
) -> Iterator[Sandbox]:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    box = Sandbox(tmp_path_factory.mktemp(name), trusted_site=trusted_site)
    try:
        yield box
    finally:
        box.close()


@pytest.fixture(scope="module")
def quick_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox for the blocks that need no server."""
    yield from _sandbox(tmp_path_factory, "guides-quick", trusted_site=False)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox for every block, the servers included."""
    installed = ROOT / ".venv" / ".installed-run"
    if (
        not installed.exists()
        or installed.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime
    ):
        # `make run` would install again, and the sandbox has no network
        pytest.fail("pyproject.toml is newer than .venv: run `make test-guides`, which installs")
    yield from _sandbox(tmp_path_factory, "guides", trusted_site=True)


@pytest.mark.parametrize("block", QUICK, ids=[block.name for block in QUICK])
def test_the_block_runs_as_written(quick_sandbox: Sandbox, block: Block) -> None:
    if block.kind == "nginx":
        tested = quick_sandbox.nginx_test(block)
        assert tested.returncode == 0, f"nginx -t refuses {block.name}:\n{tested.stderr}"
        # Nothing to warn of either (but `listen … http2`, which nginx 1.25.1 deprecates)
        warnings = [line for line in tested.stderr.splitlines() if "[warn]" in line]
        assert all("http2" in line for line in warnings), tested.stderr
        return
    _check_the_run(quick_sandbox, block)


@pytest.mark.guides
@pytest.mark.parametrize("block", TESTED, ids=[block.name for block in TESTED])
def test_the_block_works_as_written_in_order(sandbox: Sandbox, block: Block) -> None:
    if block.kind == "serve":
        sandbox.serve(block)
        return
    if block.kind == "nginx":
        _check_the_site(sandbox, block)
        return
    _check_the_run(sandbox, block)


def _check_the_run(sandbox: Sandbox, block: Block) -> None:
    done = sandbox.run(block)
    output = done.stdout + done.stderr
    assert done.returncode == block.exit_code, f"{block.name} exited {done.returncode}:\n{output}"
    for text in block.expect:
        assert text in output, f"{block.name} does not print {text!r}:\n{output}"
    if block.issues is not None:
        answer = first_json(done.stdout)
        assert isinstance(answer, dict), answer
        offsets = tuple(issue["offset"] for issue in answer["issues"])
        assert offsets == block.issues, (
            f"{block.name}: issues at {offsets}, the guide says {block.issues}"
        )


def _check_the_site(sandbox: Sandbox, block: Block) -> None:
    tested = sandbox.nginx_site(block)
    assert tested.returncode == 0, f"nginx -t refuses {block.name}:\n{tested.stderr}"
    site = f"https://{SITE}"
    manifest = sandbox.shell(f"curl -sf {site}/manifest.xml")
    assert manifest.returncode == 0, f"/manifest.xml through nginx: {manifest.stdout}"
    assert f'DefaultValue="{site}/taskpane/?host=word"' in manifest.stdout  # https, the name
    assert sandbox.status(f"{site}/metrics") in (403, 404)
    headers = sandbox.shell(f"curl -sI {site}/healthz").stdout.lower()
    assert headers.count("strict-transport-security: max-age=31536000") == 1, headers
    redirect = sandbox.shell(
        f"curl -s -o /dev/null -w '%{{http_code}} %{{redirect_url}}' http://{SITE}/x"
    )
    assert redirect.stdout == f"301 {site}/x"
    stream = sandbox.shell(
        f"curl -sN {site}/v1/rewrite -H 'content-type: application/json' "
        """-d '{"text":"hey, can u send me the file asap","tone":"formal","stream":true}'"""
    )
    assert "event: done" in stream.stdout or "401" in stream.stdout


def test_the_guides_are_found_where_the_docs_split_puts_them(tmp_path: Path) -> None:
    # The README's sections live in docs/ by reader (issue 26), in folders too: the blocks go
    # along, wherever a guide is.
    (tmp_path / "docs" / "deploy").mkdir(parents=True)
    (tmp_path / "README.md").write_text("# Penwise\n")
    (tmp_path / "docs" / "deploy" / "nginx.md").write_text(
        '<!-- test: run; expect "ok" -->\n```sh\necho ok\n```\n'
    )
    found = [block for path in guides(tmp_path) for block in blocks(path)]
    assert [(block.kind, block.expect, block.text) for block in found] == [
        ("run", ("ok",), "echo ok\n")
    ]


def test_the_guides_run_in_the_order_the_readme_map_links_them(tmp_path: Path) -> None:
    # A guide's blocks may use what an earlier one set up (the Word guide's certificate, the
    # team guide's nginx and key): the order is the reader's, not the alphabet's.
    (tmp_path / "docs").mkdir()
    for name in ("api.md", "team.md", "word.md", "zz-unlinked.md"):
        (tmp_path / "docs" / name).write_text(f"# {name}\n")
    (tmp_path / "README.md").write_text(
        "[Word](docs/word.md#1-https) [team](docs/team.md) [again](docs/word.md) [API](docs/api.md)"
    )
    assert [path.name for path in guides(tmp_path)] == [
        "README.md",
        "word.md",
        "team.md",
        "api.md",
        "zz-unlinked.md",
    ]
