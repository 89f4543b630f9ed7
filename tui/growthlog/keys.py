"""Every key binding, in one registry: the app, screens, help screen and command palette read it.

Each binding has a stable id, so the config file's ``[keymap]`` table can remap it (Textual's
keymap mechanism). Descriptions are message keys, translated when the bindings are built; the
interface language is chosen before the UI modules are imported (see :mod:`growthlog.cli.launch`).
"""

from __future__ import annotations

import dataclasses

from textual.binding import Binding

from growthlog.i18n import t


@dataclasses.dataclass(frozen=True)
class KeySpec:
    """One binding: where it applies, its default keys, the action, and what it is for."""

    id: str
    keys: str
    action: str
    scope: str
    show: bool = True
    priority: bool = False
    key_display: str | None = None

    @property
    def description(self) -> str:
        return t(f"key.{self.id}")

    @property
    def help(self) -> str:
        return t(f"key.{self.id}.help")


# The footer shows only the keys a newcomer needs first (``show``): Textual rebuilds a widget per
# shown key on every screen switch. Every key is in the help screen (?) and the command palette.
KEYS: tuple[KeySpec, ...] = (
    KeySpec("mode.today", "1", "app.switch_mode('today')", "app", show=False),
    KeySpec("mode.journal", "2", "app.switch_mode('journal')", "app", show=False),
    KeySpec("mode.goals", "3", "app.switch_mode('goals')", "app", show=False),
    KeySpec("mode.metrics", "4", "app.switch_mode('metrics')", "app", show=False),
    KeySpec("mode.review", "5", "app.switch_mode('review')", "app", show=False),
    KeySpec("capture", "a", "app.capture", "app"),
    KeySpec("new_entry", "n", "app.new_entry", "app"),
    KeySpec("new_problem", "p", "app.new_entry('problem')", "app"),
    KeySpec("new_strategy", "s", "app.new_entry('strategy')", "app", show=False),
    KeySpec("new_lesson", "l", "app.new_entry('lesson')", "app", show=False),
    KeySpec("record_metric", "m", "app.record_metric", "app", show=False),
    KeySpec("new_goal", "g", "app.new_goal", "app", show=False),
    KeySpec("search", "slash", "app.search", "app", key_display="/"),
    KeySpec("help", "question_mark", "app.help", "app", key_display="?"),
    KeySpec("palette", "ctrl+p", "app.command_palette", "app", show=False),
    KeySpec("quit", "ctrl+q", "app.quit", "app", show=False, priority=True),
    KeySpec("journal.edit", "e,enter", "edit", "journal"),
    KeySpec("journal.delete", "d,delete", "delete", "journal"),
    KeySpec("journal.undo", "u", "undo", "journal", show=False),
    KeySpec("journal.filters", "f", "focus_filters", "journal", show=False),
    KeySpec("journal.mine", "w", "toggle_mine", "journal"),
    KeySpec("journal.clear", "escape", "clear", "journal", show=False),
    KeySpec("today.edit", "e", "edit", "today", show=False),
    KeySpec("today.leave", "escape", "leave_input", "today", show=False),
    KeySpec("goals.edit", "e,enter", "edit_goal", "goals"),
    KeySpec("goals.check_in", "c", "check_in", "goals"),
    KeySpec("goals.status", "t", "change_status", "goals"),
    KeySpec("metrics.record", "enter", "record", "metrics"),
    KeySpec("metrics.range", "r", "cycle_range", "metrics"),
    KeySpec("metrics.define", "d", "define", "metrics"),
    KeySpec("metrics.import", "i", "import_csv", "metrics"),
    KeySpec("review.previous", "left", "step(-1)", "review"),
    KeySpec("review.next", "right", "step(1)", "review"),
    KeySpec("review.kind", "k", "cycle_kind", "review"),
    KeySpec("review.member", "w", "cycle_member", "review", show=False),
    KeySpec("review.custom", "c", "custom_period", "review", show=False),
    KeySpec("review.save", "ctrl+s", "save", "review", priority=True),
    KeySpec("review.refresh", "r", "refresh_numbers", "review", show=False),
    KeySpec("review.goal", "ctrl+g", "goal_from_plan", "review", show=False, priority=True),
    KeySpec("review.list", "L", "past_reviews", "review"),
    KeySpec("review.export", "x", "export", "review"),
    KeySpec("review.write", "e", "write", "review", show=False),
    KeySpec("review.leave", "escape", "leave_text", "review", show=False),
    KeySpec("editor.save", "ctrl+s", "save", "editor", priority=True),
    KeySpec("editor.close", "escape", "close", "editor"),
    KeySpec("editor.external", "ctrl+e", "external_editor", "editor", priority=True),
    KeySpec("editor.kind", "ctrl+k", "choose_kind", "editor", priority=True),
    # Every modal closes the same way (``action_close``: cancel, nothing is changed).
    KeySpec("modal.close", "escape", "close", "modal", show=False),
    KeySpec("form.save", "ctrl+s", "save", "form", priority=True),
    KeySpec("confirm.yes", "y", "answer(True)", "confirm", show=False),
    KeySpec("confirm.no", "n", "answer(False)", "confirm", show=False),
    KeySpec("conflict.mine", "m", "choose('mine')", "conflict", show=False),
    KeySpec("conflict.theirs", "t", "choose('theirs')", "conflict", show=False),
    KeySpec("conflict.both", "b", "choose('both')", "conflict", show=False),
    KeySpec("drafts.restore", "r", "choose('restore')", "drafts", show=False),
    KeySpec("drafts.discard", "x", "choose('discard')", "drafts", show=False),
    KeySpec("help.close", "q,question_mark", "close", "help", show=False),
    # The entry lists (Today, Journal) and the review's report.
    KeySpec("list.up", "up,k", "cursor(-1)", "list", show=False),
    KeySpec("list.down", "down,j", "cursor(1)", "list", show=False),
    KeySpec("list.page_up", "pageup", "page(-1)", "list", show=False),
    KeySpec("list.page_down", "pagedown", "page(1)", "list", show=False),
    KeySpec("list.first", "home", "jump(0)", "list", show=False),
    KeySpec("list.last", "end", "jump(-1)", "list", show=False),
    KeySpec("list.open", "enter", "select", "list", show=False),
    KeySpec("report.up", "up", "scroll_up", "report", show=False),
    KeySpec("report.down", "down", "scroll_down", "report", show=False),
    KeySpec("report.page_up", "pageup", "page_up", "report", show=False),
    KeySpec("report.page_down", "pagedown", "page_down", "report", show=False),
    KeySpec("report.top", "home", "scroll_home", "report", show=False),
    KeySpec("report.bottom", "end", "scroll_end", "report", show=False),
)

SCOPES = (
    "app", "today", "journal", "goals", "metrics", "review", "editor", "list", "report",
    "modal", "form", "confirm", "conflict", "drafts", "help",
)
_BY_ID = {spec.id: spec for spec in KEYS}


def spec_for(binding_id: str | None) -> KeySpec | None:
    """The registry's entry for a binding id (None for Textual's own bindings)."""
    return _BY_ID.get(binding_id or "")


def bindings(scope: str) -> list[Binding]:
    """Textual bindings of one scope, with ids for remapping. Their words are looked up by id
    when shown (see the module's docstring): the description Textual keeps is the id itself (a
    binding without one is never shown)."""
    return [
        Binding(spec.keys, spec.action, spec.id, show=spec.show, priority=spec.priority, key_display=spec.key_display, id=spec.id)
        for spec in KEYS
        if spec.scope == scope
    ]


def effective_keys(spec: KeySpec, keymap: dict[str, str]) -> str:
    """The keys a binding answers to once the user's keymap is applied."""
    return keymap.get(spec.id, spec.keys)
