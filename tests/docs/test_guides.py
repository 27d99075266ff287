"""Every command block a guide tells its reader to run is run here, as written, where this
machine can run it (issue 30): the CLI examples with their claimed output, the key and hash
commands, the trust of the development CA, the nginx sites through ``nginx -t`` and then
requests through them. Blocks run in order, in one sandbox (tests/docs/sandbox.py), sharing
its servers; tests/docs/blocks.py says how a block is marked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs.blocks import COMMAND_LANGUAGES, Block, blocks, guides, stray_markers
from tests.docs.sandbox import SITE, Sandbox, first_json, unavailable

ALL = [block for path in guides() for block in blocks(path)]
TESTED = [block for block in ALL if block.kind in ("run", "serve", "nginx")]


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


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    box = Sandbox(tmp_path_factory.mktemp("guides"))
    try:
        yield box
    finally:
        box.close()


@pytest.mark.parametrize("block", TESTED, ids=[block.name for block in TESTED])
def test_the_block_works_as_written(sandbox: Sandbox, block: Block) -> None:
    if block.kind == "serve":
        sandbox.serve(block)
        return
    if block.kind == "nginx":
        _check_the_site(sandbox, block)
        return
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
    # A later issue moves the README's sections into docs/ by reader: the blocks go along.
    (tmp_path / "docs" / "deploy").mkdir(parents=True)
    (tmp_path / "README.md").write_text("# Penwise\n")
    (tmp_path / "docs" / "deploy" / "nginx.md").write_text(
        '<!-- test: run; expect "ok" -->\n```sh\necho ok\n```\n'
    )
    found = [block for path in guides(tmp_path) for block in blocks(path)]
    assert [(block.kind, block.expect, block.text) for block in found] == [
        ("run", ("ok",), "echo ok\n")
    ]
