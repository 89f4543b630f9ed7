"""The detail of one entry: title, facts, the kind's own fields, and the Markdown body.

Every piece of user text is handed over as ``rich.text.Text`` (or to the Markdown parser), never as
Rich markup, so ``[bold]`` or ``[/]`` in a title is shown as typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from growthlog.i18n import kind_label, t
from growthlog.models import Entry, field_choices


def field_value_text(kind: str, name: str, value: object) -> str:
    """A field's value as shown: choices translated, dates as ISO, blanks as blanks."""
    if value in (None, ""):
        return ""
    if field_choices(kind, name):
        return t(f"choice.{value}")
    return str(value)


def body_renderable(markdown: str):
    """A Markdown body as one Rich renderable, headings to the left like the rest of the pane.

    Rich parses the Markdown itself (markdown-it, imported on first use); the text is never read as
    Rich markup, so ``[bold]`` in a body is shown as typed.
    """
    from rich.markdown import Heading, Markdown

    class LeftHeading(Heading):
        def __rich_console__(self, console, options):
            self.text.justify = "left"
            yield Text("")
            yield self.text

    class BodyMarkdown(Markdown):
        elements = {**Markdown.elements, "heading_open": LeftHeading}

    return BodyMarkdown(markdown, hyperlinks=False)


def entry_facts(entry: Entry) -> Text:
    """The line under the title: day, kind, author, tags."""
    facts = Text()
    facts.append(entry.day.isoformat(), "bold")
    facts.append("  ·  ")
    facts.append(kind_label(entry.kind))
    if entry.author:
        facts.append("  ·  ")
        facts.append(entry.author)
    if entry.tags:
        facts.append("  ·  ")
        facts.append(" ".join("#" + tag for tag in entry.tags), "italic")
    return facts


def entry_fields(entry: Entry) -> Text:
    """The filled kind-specific fields, one per line: label, value."""
    lines = Text()
    for name, value in entry.fields.items():
        shown = field_value_text(entry.kind, name, value)
        if not shown:
            continue
        if lines:
            lines.append("\n")
        lines.append(t(f"field.{name}") + ": ", "bold")
        lines.append(shown)
    return lines


class EntryView(VerticalScroll):
    """Shows one entry, or a hint when there is none."""

    DEFAULT_CSS = """
    EntryView { padding: 0 1; }
    EntryView > #entry-title { text-style: bold; color: $text-primary; margin-top: 1; }
    EntryView > #entry-facts { color: $text-muted; }
    EntryView > #entry-fields { margin-top: 1; padding: 0 1; border-left: thick $secondary; }
    EntryView > #entry-fields.empty { display: none; }
    EntryView > #entry-body { margin-top: 1; padding: 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="entry-title", markup=False)
        yield Static(id="entry-facts", markup=False)
        yield Static(id="entry-fields", markup=False)
        yield Static(id="entry-body", markup=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[int | None, object] | None = None

    def on_mount(self) -> None:
        self.show(None)

    def show(self, entry: Entry | None) -> None:
        """Show ``entry`` (None: a hint that nothing is selected).

        Showing the entry already shown does nothing: the Markdown body is rebuilt as widgets, which
        is the costliest thing on screen, and lists re-announce their cursor after every reload.
        """
        key = (entry.id, entry.updated) if entry is not None else (None, None)
        if key == self._shown:
            return
        self._shown = key
        title = self.query_one("#entry-title", Static)
        facts = self.query_one("#entry-facts", Static)
        fields = self.query_one("#entry-fields", Static)
        if entry is None:
            title.update(Text(t("entry.none_selected")))
            facts.update("")
            fields.update("")
            fields.add_class("empty")
            self._show_body("")
            return
        title.update(Text(entry.title))
        facts.update(entry_facts(entry))
        field_text = entry_fields(entry)
        fields.update(field_text)
        fields.set_class(not field_text.plain, "empty")
        self._show_body(entry.body)
        self.scroll_home(animate=False)

    def _show_body(self, markdown: str) -> None:
        # One Static holding one Rich renderable: the Markdown widget would mount a widget per
        # block (dozens for a body with lists), and every screen switch restyles every widget.
        self.query_one("#entry-body", Static).update(body_renderable(markdown) if markdown.strip() else "")
