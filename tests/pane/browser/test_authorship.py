"""Authorship in the browser page: against the real server and the test model on loopback, a
writer applies a model rewrite and inserts an idea, sees the shares, edits inside a passage
and sees them change, copies the report, and removes the marks (after asking, in the pane)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LiveServer, start_server, stop_server
from tests.model_server import ModelServer
from tests.pane.browser.conftest import OpenPane
from tests.pane.browser.pane import improve, notice, select, shot, text, wait_idle, write

DRAFT = "We recieve alot of mail about teh launch."
# What the test model writes for DRAFT: three words changed, one idea.
FIXED = {"recieve": "receive", "alot": "a lot", "teh": "the"}
IDEA = "A continue idea, number 1."


@pytest.fixture(scope="module")
def model_pane_server(
    tmp_path_factory: pytest.TempPathFactory, model_server: ModelServer
) -> Iterator[LiveServer]:
    """`addin-server serve` with the test model on loopback."""
    server = start_server(
        tmp_path_factory.mktemp("authorship"),
        {"ADDIN_LLM_BASE_URL": model_server.url, "ADDIN_LLM_MODEL": model_server.model},
    )
    yield server
    stop_server(server)


def shares(page: Page) -> dict[str, int]:
    """{share: percent} as the Authorship tab shows them."""
    found = {}
    for row in page.locator(".share").all():
        percent = row.locator(".share-percent").text_content() or ""
        found[row.get_attribute("data-share") or ""] = int(percent.rstrip("%"))
    return found


def expected(model: int, total: int, edited: int = 0) -> dict[str, int]:
    """Whole percentages of what a model wrote, what Penwise edited and the rest, adding up
    to 100: each rounded down, the points left going to the largest remainders."""
    exact = {"model": model * 100 / total, "edited": edited * 100 / total}
    exact["other"] = 100 - exact["model"] - exact["edited"]
    percent = {share: int(value) for share, value in exact.items()}
    left = 100 - sum(percent.values())
    for share in sorted(exact, key=lambda share: exact[share] - percent[share], reverse=True)[
        :left
    ]:
        percent[share] += 1
    return percent


def apply_model_rewrite_and_idea(page: Page) -> str:
    """Rewrite the document with the model, apply it edit by edit, insert an idea below it."""
    page.get_by_role("tab", name=re.compile("Rewrite|改写")).click()
    page.locator('[data-key="rewrite"]').click()
    wait_idle(page)
    page.locator('[data-key="apply-rewrite"]').click()
    page.get_by_role("tab", name=re.compile("Ideas|灵感")).click()
    page.locator('[data-key="kind:questions"]').click()  # continue only
    page.locator('[data-key="kind:examples"]').click()
    page.locator('[data-key="get-ideas"]').click()
    wait_idle(page)
    page.locator('[data-key="idea:0:insert"]').click()
    return text(page)


def open_authorship(page: Page, name: str = "Authorship") -> None:
    page.get_by_role("tab", name=name).click()
    wait_idle(page)
    expect(page.locator(".share-list")).to_be_visible()


def test_a_model_rewrite_and_an_idea_are_counted_edited_and_reported(
    open_pane: OpenPane, model_pane_server: LiveServer, model: ModelServer
) -> None:
    pane = open_pane(server=model_pane_server)
    page = pane.page
    write(page, DRAFT)
    document = apply_model_rewrite_and_idea(page)
    rewritten = DRAFT
    for wrong, right in FIXED.items():
        rewritten = rewritten.replace(wrong, right)
    assert document == f"{rewritten}\n{IDEA}\n"

    open_authorship(page)
    # The rewrite's edits, as the server diffs them: two neighbouring words are one edit.
    edits = ["receive a lot", "the"]
    written = sum(len(edit) for edit in edits) + len(IDEA)
    assert shares(page) == expected(written, len(document))
    passages = page.locator(".passage-text")
    expect(passages).to_have_text([*edits, IDEA])
    expect(page.locator(".passage-meta").first).to_contain_text(
        f"Model: {model.model} · rewrite · "
    )
    expect(page.get_by_role("heading", level=2)).to_have_text(
        f"Your document: {len(document)} characters"
    )
    shot(page, "20-authorship")

    # A click on a passage selects its words in the document.
    page.locator(".passage-button").nth(2).click()
    selected = page.evaluate(
        "() => { const a = document.querySelector('#document-text');"
        " return a.value.slice(a.selectionStart, a.selectionEnd); }"
    )
    assert selected == IDEA

    # The writer deletes a word inside the idea and types one of their own there: the mark
    # stays on what remains of the model's words, and what they typed is theirs.
    start = document.index("number 1")
    select(page, start, start + len("number "))
    page.keyboard.type("entry ")
    select(page, 0, 0)
    page.locator('[data-key="update-authorship"]').click()
    wait_idle(page)
    now = text(page)
    assert now == f"{rewritten}\nA continue idea, entry 1.\n"
    written_now = written - len("number ")
    assert shares(page) == expected(written_now, len(now))
    # What is left of the model's words, with a gap where the writer's own are.
    expect(passages.nth(2)).to_have_text("A continue idea, … 1.")

    page.locator('[data-key="copy-report"]').click()
    expect(notice(page)).to_have_text("Report copied.")
    report = page.evaluate("() => navigator.clipboard.readText()")
    percent = expected(written_now, len(now))
    assert f"Written by a model: {percent['model']}%" in report
    assert "Edited with Penwise: 0%" in report
    assert f"Not recorded by Penwise (typed or pasted): {percent['other']}%" in report
    assert re.search(rf"Models: {model.model} \(prompts ideas/v\d+, rewrite/v\d+\)", report)
    assert "does not detect text written by other tools" in report
    assert DRAFT not in report and IDEA not in report  # the report holds no text

    # Remove marks asks first, in the pane; Keep them keeps them.
    page.locator('[data-key="remove-marks"]').click()
    expect(page.locator(".confirm")).to_contain_text("Remove every Penwise mark")
    expect(page.locator('[data-key="keep-marks"]')).to_be_focused()
    shot(page, "21-authorship-remove")
    page.locator('[data-key="keep-marks"]').click()
    expect(page.locator(".passage")).to_have_count(3)
    page.locator('[data-key="remove-marks"]').click()
    page.locator('[data-key="confirm-remove"]').click()
    wait_idle(page)
    expect(notice(page)).to_have_text("Penwise’s marks are removed. Your text is unchanged.")
    assert shares(page) == {"model": 0, "edited": 0, "other": 100}
    assert text(page) == now
    assert not pane.dialogs


def test_the_marks_stay_with_the_text_when_the_page_opens_again(
    open_pane: OpenPane, model_pane_server: LiveServer, model: ModelServer
) -> None:
    page = open_pane(server=model_pane_server).page
    write(page, DRAFT)
    document = apply_model_rewrite_and_idea(page)
    page.wait_for_timeout(400)  # the draft is kept 300 ms after the last change
    page.reload(wait_until="networkidle")
    assert text(page) == document
    open_authorship(page)
    expect(page.locator(".passage-text")).to_have_text(["receive a lot", "the", IDEA])


def test_fixes_from_the_model_and_from_the_local_engine_are_told_apart_in_chinese(
    open_pane: OpenPane, model_pane_server: LiveServer, model: ModelServer
) -> None:
    page = open_pane(server=model_pane_server, locale="zh-CN").page
    write(page, DRAFT)
    improve(page)
    cards = page.locator("li.card")
    # "teh" is the local engine's card (its rule wins the tie); "recieve" only the model's.
    cards.filter(has_text="teh").get_by_role("button", name="替换为“the”").click()
    cards.filter(has_text="recieve").get_by_role("button", name="替换为“receive”").click()
    document = apply_model_rewrite_and_idea(page)
    fixed = DRAFT
    for wrong, right in FIXED.items():
        fixed = fixed.replace(wrong, right)
    assert document == f"{fixed}\n{IDEA}\n"
    open_authorship(page, "写作来源")
    model_chars = len("receive") + len("a lot") + len(IDEA)
    assert shares(page) == expected(model_chars, len(document), edited=len("the"))
    expect(page.locator(".passage-text")).to_have_text(["receive", "a lot", "the", IDEA])
    expect(page.locator(".passage-kind")).to_have_text(
        ["由模型撰写", "由模型撰写", "经 Penwise 修改", "由模型撰写"]
    )
    meta = page.locator(".passage-meta")
    expect(meta.nth(0)).to_contain_text(f"模型：{model.model} · 修改 · ")
    expect(meta.nth(1)).to_contain_text(f"模型：{model.model} · 改写 · ")
    expect(meta.nth(2)).to_contain_text("Penwise 内置引擎 · 修改 · ")
    expect(meta.nth(3)).to_contain_text(f"模型：{model.model} · 灵感 · ")
    expect(page.locator(".honesty")).to_have_text(
        "Penwise 只知道它自己写入的文字，不会检测其他工具或他人写的内容。"
    )
    shot(page, "22-authorship-zh-CN")


def test_an_organisation_that_requires_the_marks_offers_no_remove(
    open_pane: OpenPane, organisation_server: LiveServer
) -> None:
    page = open_pane(server=organisation_server).page
    write(page, "The cat sat on teh mat.")
    improve(page)
    page.locator("li.card").filter(has_text="teh").get_by_role(
        "button", name="Replace with “the”"
    ).click()
    open_authorship(page)
    expect(page.locator(".passage-kind")).to_have_text(["Edited with Penwise"])
    assert shares(page) == expected(0, len("The cat sat on the mat."), edited=len("the"))
    expect(page.locator('[data-key="remove-marks"]')).to_have_count(0)
    expect(page.locator('[data-key="marks-required"]')).to_have_text(
        "Your organization requires these marks to stay in the document, so they cannot be removed."
    )

    # Where the clipboard is refused (a frame without the permission, as a sidebar may
    # be), the report is shown in the pane, selected, to copy by hand.
    page.evaluate(
        "() => { navigator.clipboard.writeText = () =>"
        " Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')); }"
    )
    page.locator('[data-key="copy-report"]').click()
    expect(notice(page)).to_contain_text("The report could not be copied for you")
    report = page.locator('[data-key="report-text"]')
    expect(report).to_be_focused()
    expect(report).to_have_value(re.compile(r"^Authorship report \(Penwise\)\n"))
    edited = expected(0, len("The cat sat on the mat."), edited=len("the"))["edited"]
    expect(report).to_have_value(re.compile(rf"\nEdited with Penwise: {edited}%\n"))
    selected = page.evaluate(
        "() => { const a = document.activeElement;"
        " return a.value.slice(a.selectionStart, a.selectionEnd) === a.value; }"
    )
    assert selected
    shot(page, "23-authorship-copy-by-hand")
