"""GrowthlogApp: the modes, the global keys, the editor and modals, the command palette, and the
"data changed" signal.

Built by :func:`make_app`, which the command line and the tests share. Screens get what they need
through their constructors (the store, today's date, the author) and send requests up as messages
(:mod:`growthlog.messages`); the app owns the editor and the modals.

The app owns one signal for "the data changed" (:attr:`GrowthlogApp.data_changed`, see
:mod:`growthlog.screens.base`): published after each of its own writes and when another process
wrote to the database, which the app notices by asking the store once a second, in a thread.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.signal import Signal

from growthlog.i18n import kind_label, t
from growthlog.keys import KEYS, bindings
from growthlog.messages import EditRequested, ExpandRequested, GoalRequested
from growthlog.screens.base import DataChange, write
from growthlog.screens.protocols import Capturing, KeyScoped, MetricContext, Searchable
from growthlog.screens.today import TodayScreen
from growthlog.services.capture import parse_capture
from growthlog.services.editing import EntryInputError, entry_from_capture
from growthlog.store.errors import StoreError

if TYPE_CHECKING:
    from growthlog.models import Draft, Entry
    from growthlog.screens.editor import EditorScreen
    from growthlog.settings import Settings
    from growthlog.store.api import Store

# Screens other than Today are imported when first opened (inside the methods below): their
# widgets (TextArea, Select, DataTable) cost ~100 ms of imports that the first frame does not need.

CHANGE_CHECK_SECONDS = 1.0
"""How often the app asks whether another process wrote to the database (one cheap pragma)."""


class GrowthlogApp(App[None]):
    """The growth log."""

    TITLE = "growthlog"
    CSS_PATH = "app.tcss"
    BINDINGS = bindings("app")

    def __init__(self, settings: Settings, store: Store, *, today: dt.date | None = None, demo: bool = False) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.demo = demo
        self._fixed_today = today
        self.open_editors: list[EditorScreen] = []
        self.data_changed: Signal[DataChange] = Signal(self, "data-changed")
        """Published after every write of this app and when another process wrote."""
        self._watch_failing = False
        self.add_mode("today", lambda: TodayScreen(store=self.store, today=self.today, author=self.settings.author))
        self.add_mode("journal", self._journal_screen)
        self.add_mode("goals", self._goals_screen)
        self.add_mode("metrics", self._metrics_screen)
        self.add_mode("review", self._review_screen)
        if settings.keymap:
            self.set_keymap(settings.keymap)
        self.theme = settings.theme

    def _warm_up(self) -> None:
        import growthlog.screens.editor  # noqa: F401
        import growthlog.screens.journal  # noqa: F401

    def _goals_screen(self):
        from growthlog.screens.goals import GoalsScreen

        return GoalsScreen(store=self.store, today=self.today)

    def _journal_screen(self):
        from growthlog.screens.journal import JournalScreen

        return JournalScreen(store=self.store, today=self.today)

    def _metrics_screen(self):
        from growthlog.screens.metrics import MetricsScreen

        return MetricsScreen(store=self.store, today=self.today)

    def _review_screen(self):
        from growthlog.screens.review import ReviewScreen

        return ReviewScreen(store=self.store, today=self.today, sprint=self.settings.sprint_rule())

    @property
    def today(self) -> dt.date:
        """Today's date (fixed when the app was made with one: tests and screenshots)."""
        return self._fixed_today or dt.date.today()

    async def on_mount(self) -> None:
        if self.demo:
            self.sub_title = t("app.demo")
        # Where the data stands before anything is loaded: a write by someone else from now on is
        # noticed, even one made before the first check.
        await asyncio.to_thread(self.store.changed)
        self.switch_mode("today")
        self.offer_drafts()
        # Once the first frame is up, load the other screens' modules so that the first switch to
        # them does not pay for their imports.
        self.set_timer(1.5, self._warm_up)
        self.set_interval(CHANGE_CHECK_SECONDS, self.check_for_changes)
        if not self.is_headless:
            # A dropped SSH connection sends SIGHUP: keep what the open editors hold first.
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)

    # The data changed
    def announce_change(self) -> None:
        """Tell every screen that this app wrote something (they reload what they show)."""
        self.data_changed.publish(DataChange("here"))

    @work(group="watch", exclusive=True, exit_on_error=False)
    async def check_for_changes(self) -> None:
        """Whether another process wrote: asked off the UI thread, published only when it did."""
        try:
            changed = await asyncio.to_thread(self.store.changed)
        except StoreError as error:
            if not self._watch_failing:  # said once, not every second
                self.notify(t("app.watch_failed", error=str(error)), severity="warning", markup=False)
            self._watch_failing = True
            return
        self._watch_failing = False
        if changed:
            self.data_changed.publish(DataChange("elsewhere"))

    # Drafts
    @work(group="drafts")
    async def offer_drafts(self) -> None:
        drafts = await asyncio.to_thread(self.store.list_drafts)
        # A review's unsaved writing comes back in the Review mode, with its period, not here.
        drafts = [draft for draft in drafts if not draft.key.startswith("review:")]
        if drafts:
            from growthlog.screens.drafts import DraftsScreen

            self.push_screen(DraftsScreen(drafts), partial(self._draft_chosen, len(drafts)))

    @work(group="drafts")
    async def _draft_chosen(self, count: int, choice: tuple[str, Draft] | None) -> None:
        if choice is None:
            return
        what, draft = choice
        if what == "discard":
            await asyncio.to_thread(self.store.delete_draft, draft.key)
            self.notify(t("drafts.discarded"), markup=False)
            if count > 1:
                self.offer_drafts()
            return
        entry = await asyncio.to_thread(self.store.get_entry, draft.entry_id) if draft.entry_id else None
        self.open_editor(entry=entry, draft=draft)

    def save_open_drafts(self) -> int:
        """Write every open editor's content as a draft, now, on this thread; returns how many."""
        saved = 0
        for editor in list(self.open_editors):
            if editor.is_mounted and editor.is_dirty:
                self.store.save_draft(editor.current_draft())
                saved += 1
        return saved

    def hang_up(self) -> None:
        """The terminal went away: keep the drafts, then leave."""
        try:
            self.save_open_drafts()
        finally:
            self.exit(return_code=129)

    # Editor
    def open_editor(
        self,
        *,
        kind: str = "note",
        entry: Entry | None = None,
        draft: Draft | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        from growthlog.screens.editor import EditorScreen

        editor = EditorScreen(
            store=self.store,
            today=self.today,
            author=self.settings.author,
            kind=kind,
            entry=entry,
            draft=draft,
            draft_interval=self.settings.draft_interval,
            editor_command=self.settings.editor,
            initial=initial,
        )
        self.open_editors.append(editor)
        self.push_screen(editor, partial(self._editor_closed, editor))

    def _editor_closed(self, editor: EditorScreen, saved: Entry | None) -> None:
        if editor in self.open_editors:
            self.open_editors.remove(editor)
        if saved is not None:
            self.notify(t("editor.saved", id=saved.id, kind=kind_label(saved.kind)), markup=False)

    @on(EditRequested)
    def edit_requested(self, event: EditRequested) -> None:
        self.open_editor(entry=event.entry)

    @on(ExpandRequested)
    def expand_requested(self, event: ExpandRequested) -> None:
        capture = parse_capture(event.text)
        initial = {"title": capture.title, "body": capture.body, "tags": " ".join(capture.tags)}
        if event.links:
            initial["links"] = event.links
        if not capture.body:
            del initial["body"]  # keep the kind's template
        self.open_editor(kind=event.kind or capture.kind or "note", initial=initial)

    # Actions
    def action_new_entry(self, kind: str | None = None) -> None:
        if kind is not None:
            self.open_editor(kind=kind)
            return
        from growthlog.screens.kind_picker import KindPickerScreen

        def chosen(picked: str | None) -> None:
            if picked:
                self.open_editor(kind=picked)

        self.push_screen(KindPickerScreen(), chosen)

    def action_capture(self) -> None:
        screen = self.screen
        if isinstance(screen, Capturing):
            screen.focus_capture()
            return
        from growthlog.screens.capture import CaptureScreen

        self.push_screen(CaptureScreen(), self._captured_elsewhere)

    @work(group="capture")
    async def _captured_elsewhere(self, text: str | None) -> None:
        if not text:
            return
        try:
            entry = entry_from_capture(text, today=self.today, author=self.settings.author)
        except EntryInputError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        try:
            saved = await write(self, self.store.add_entry, entry)
        except StoreError as error:  # e.g. the database is locked: keep the text in an editor (and its draft)
            self.notify(t("capture.failed", error=str(error)), severity="error", markup=False)
            self.open_editor(kind=entry.kind, initial={"title": entry.title, "body": entry.body, "tags": " ".join(entry.tags)})
            return
        self.notify(t("capture.saved", id=saved.id, kind=kind_label(saved.kind)), markup=False)

    async def action_search(self) -> None:
        if self.current_mode != "journal":
            await self.switch_mode("journal")
        if isinstance(self.screen, Searchable):
            self.screen.focus_search()

    @work(group="modal")
    async def action_new_goal(self) -> None:
        await self.open_goal_editor()

    @on(GoalRequested)
    async def goal_requested(self, event: GoalRequested) -> None:
        from growthlog.models import Goal

        await self.open_goal_editor(Goal(title=event.title, due=event.due))

    async def open_goal_editor(self, prefilled=None) -> None:
        """The goal editor for a new goal (``prefilled``: an unsaved Goal whose values it starts
        with); the goal is stored when the editor returns one."""
        from growthlog.screens.goal_editor import GoalEditorScreen

        metrics, goals = await asyncio.gather(
            asyncio.to_thread(self.store.list_metrics), asyncio.to_thread(self.store.list_goals)
        )
        parents = [goal for goal in goals if goal.horizon == "long"]
        editor = GoalEditorScreen(metrics=metrics, parents=parents, today=self.today, goal=prefilled, store=self.store)
        self.push_screen(editor, self._goal_written)

    @work(group="write")
    async def _goal_written(self, goal) -> None:
        if goal is None:
            return
        try:
            saved = await write(self, self.store.add_goal, goal)
        except StoreError as error:
            self.notify(t("goals.save_failed", error=str(error)), severity="error", markup=False)
            return
        self.notify(t("goals.added", id=saved.id), markup=False)

    def action_record_metric(self) -> None:
        """Record a metric value from any screen (the Metrics screen preselects its metric)."""
        from growthlog.screens.record_value import start_recording

        metric = self.screen.highlighted_metric_key if isinstance(self.screen, MetricContext) else None
        start_recording(self, self.store, self.today, metric)

    def action_help(self) -> None:
        from growthlog.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.settings.keymap))

    # Command palette: every action, with the same words as the help screen.
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        screen_scope = screen.KEY_SCOPE if isinstance(screen, KeyScoped) else None
        for spec in KEYS:
            if spec.scope == "app" and spec.id not in ("palette", "quit"):
                yield SystemCommand(spec.description, spec.help, partial(self.run_action, spec.action.removeprefix("app.")))
            elif spec.scope == screen_scope:
                # The screen's own actions, run in the screen's namespace.
                yield SystemCommand(spec.description, spec.help, partial(screen.run_action, spec.action))
        for kind in ("market", "collab", "learning", "plan", "note"):
            yield SystemCommand(
                t("palette.new_kind", kind=kind_label(kind)),
                t("palette.new_kind.help", kind=kind_label(kind)),
                partial(self.open_editor, kind=kind),
            )


def make_app(settings: Settings, store: Store, *, today: dt.date | None = None, demo: bool = False) -> GrowthlogApp:
    """The app, as the command line and the tests build it. What the app saves is signed with the
    settings' author unless the store was opened for someone already."""
    store.author = store.author or settings.author
    return GrowthlogApp(settings, store, today=today, demo=demo)
