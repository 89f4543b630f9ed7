"""Someone else saved (or deleted) what you were editing: see what differs, then choose.

Returns ``"mine"`` (save my version over theirs), ``"theirs"`` (keep theirs, drop my changes),
``"both"`` (keep theirs and store mine as a new record), or None (escape: back to editing, nothing
saved). When theirs was deleted, ``"mine"`` stores mine again as a new record and ``"theirs"``
leaves it deleted.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.screens.modal import Modal
from growthlog.services.conflicts import Difference

CHOICES = ("mine", "theirs", "both")


class ConflictScreen(Modal[str | None]):
    """The two versions side by side, field by field; user text shown as plain text."""

    CSS_PATH = "conflict.tcss"
    BINDINGS = bindings("conflict")

    def __init__(self, *, what: str, who: str, differences: list[Difference] | None) -> None:
        """``what``: the record's kind of thing ("entry", "goal", "review"); ``differences``:
        None when theirs was deleted."""
        super().__init__()
        self.what = what
        self.who = who
        self.differences = differences

    @property
    def deleted(self) -> bool:
        return self.differences is None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="conflict"):
            if self.deleted:
                yield Static(Text(t("conflict.deleted_title", what=t(f"conflict.what.{self.what}"))), id="conflict-question")
                yield Static(Text(t("conflict.deleted_detail")), id="conflict-detail")
            else:
                yield Static(Text(t("conflict.title", what=t(f"conflict.what.{self.what}"), who=self.who)), id="conflict-question")
                yield Static(self.table(), id="conflict-table")
            with Horizontal(id="conflict-buttons"):
                if self.deleted:
                    yield Button(Text(t("conflict.restore")), variant="primary", id="mine")
                    yield Button(Text(t("conflict.discard")), id="theirs")
                else:
                    yield Button(Text(t("conflict.mine")), variant="primary", id="mine")
                    yield Button(Text(t("conflict.theirs")), id="theirs")
                    yield Button(Text(t("conflict.both")), variant="success", id="both")
            yield Static(Text(t("conflict.keys_deleted" if self.deleted else "conflict.keys")), id="conflict-keys")

    def table(self) -> Table:
        table = Table(expand=True, show_edge=False, pad_edge=False)
        table.add_column(t("conflict.column.field"), style="bold", no_wrap=True, ratio=1)
        table.add_column(t("conflict.column.mine"), ratio=3)
        table.add_column(t("conflict.column.theirs"), ratio=3)
        for difference in self.differences or []:
            table.add_row(Text(difference.label), Text(difference.mine, overflow="fold"), Text(difference.theirs, overflow="fold"))
        if not self.differences:
            table.add_row(Text("—"), Text(t("conflict.same")), Text(""))
        return table

    def on_mount(self) -> None:
        self.query_one("#both" if not self.deleted else "#mine", Button).focus()

    def action_choose(self, choice: str) -> None:
        if choice == "both" and self.deleted:
            return
        self.dismiss(choice)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


async def ask_about_conflict(node, what: str, mine, conflict, fields: tuple[str, ...]) -> str | None:
    """Show the two versions of a record whose save ``conflict`` refused and wait for the choice
    (call it from a worker). ``node``: any widget or screen of the app."""
    from growthlog.services.conflicts import differences, who_changed

    if conflict.kind == "gone":
        screen = ConflictScreen(what=what, who="", differences=None)
    else:
        screen = ConflictScreen(what=what, who=who_changed(conflict.current), differences=differences(mine, conflict.current, fields))
    return await node.app.push_screen_wait(screen)


async def settle_review_conflict(node, store, mine, conflict):
    """A review's save clashed with someone else's (one review per period): ask, then do what was
    chosen. Returns the review as now stored, or None when nothing was stored (escape: the writing
    stays on screen, unsaved)."""
    from growthlog.screens.base import write
    from growthlog.services.conflicts import REVIEW_FIELDS, as_copy, combined_review

    choice = await ask_about_conflict(node, "review", mine, conflict, REVIEW_FIELDS)
    theirs = conflict.current
    if choice is None:
        return None
    if conflict.kind == "gone":
        if choice == "theirs":
            node.notify(t("conflict.let_go"), markup=False)
            return None
        node.notify(t("conflict.restored"), markup=False)
        return await write(node, store.save_review, as_copy(mine))
    if choice == "theirs":
        node.notify(t("conflict.took_theirs"), markup=False)
        return theirs
    chosen = mine.model_copy(update={"id": theirs.id, "uuid": theirs.uuid}) if choice == "mine" else combined_review(mine, theirs)
    node.notify(t("conflict.kept_mine" if choice == "mine" else "conflict.kept_both_review"), markup=False)
    return await write(node, store.save_review, chosen, force=True)
