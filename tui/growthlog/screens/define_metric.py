"""Define a metric, from one of the common presets or from scratch. Returns the validated
(unsaved) :class:`Metric` with dismiss(), or None; the caller stores it.

Choosing a preset fills every field (name, unit and description in the interface language); each
can still be changed. Presets are only offered: nothing is defined unless asked.
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from growthlog.i18n import t
from growthlog.screens.form_modal import FormModal
from growthlog.models import Metric
from growthlog.services.metrics import PRESETS

DIRECTIONS = ("up", "down")
AGGREGATIONS = ("last", "sum", "mean")


class DefineMetricScreen(FormModal[Metric | None]):
    ERROR_ID = "define-error"
    CSS_PATH = "define_metric.tcss"

    def __init__(self, *, existing: set[str] | frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.existing = set(existing)

    def compose(self) -> ComposeResult:
        with Vertical(id="define-metric"):
            yield Static(t("metrics_screen.define_title"), id="define-title", markup=False)
            yield Label(t("metrics_screen.preset"), markup=False)
            yield Select(
                [
                    (Text(f"{preset.name} ({key})" + (f"  · {t('metrics_screen.defined_already')}" if key in self.existing else "")), key)
                    for key, preset in PRESETS.items()
                ],
                prompt=t("metrics_screen.no_preset"),
                id="define-preset",
            )
            with Horizontal(classes="row"):
                with Vertical(id="define-key-column"):
                    yield Label(t("metrics_screen.key"), markup=False)
                    yield Input(id="define-key", placeholder="dau, d7_retention", max_length=40)
                with Vertical():
                    yield Label(t("metrics_screen.name"), markup=False)
                    yield Input(id="define-name", placeholder=t("metrics_screen.name_placeholder"), max_length=100)
            with Horizontal(classes="row"):
                with Vertical(id="define-unit-column"):
                    yield Label(t("metrics_screen.unit"), markup=False)
                    yield Input(id="define-unit", placeholder="%, ¥, 人", max_length=20)
                with Vertical():
                    yield Label(t("metrics_screen.direction"), markup=False)
                    yield Select(
                        [(t(f"metrics_screen.direction_{d}"), d) for d in DIRECTIONS], value="up", allow_blank=False, id="define-direction"
                    )
                with Vertical():
                    yield Label(t("metrics_screen.aggregation"), markup=False)
                    yield Select(
                        [(t(f"metrics_screen.aggregation_{a}"), a) for a in AGGREGATIONS],
                        value="last",
                        allow_blank=False,
                        id="define-aggregation",
                    )
            yield Label(t("metrics_screen.description"), markup=False, classes="spaced")
            yield Input(id="define-description", placeholder=t("metrics_screen.description_placeholder"))
            yield Static("", id="define-error", markup=False)
            with Horizontal(id="define-buttons"):
                yield Button(t("metrics_screen.define"), variant="primary", id="save")
                yield Button(t("metrics_screen.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#define-preset", Select).focus()

    @property
    def _preset(self) -> Select:
        return self.query_one("#define-preset", Select)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "define-preset" or event.value is Select.NULL:
            return
        preset = PRESETS[str(event.value)]
        self.query_one("#define-key", Input).value = preset.key
        self.query_one("#define-name", Input).value = preset.name
        self.query_one("#define-unit", Input).value = preset.unit
        self.query_one("#define-direction", Select).value = preset.direction
        self.query_one("#define-aggregation", Select).value = preset.aggregation
        self.query_one("#define-description", Input).value = preset.description
        self.query_one("#define-error", Static).update(
            t("metrics_screen.key_taken", key=preset.key) if preset.key in self.existing else ""
        )
        self.query_one("#define-key" if preset.key in self.existing else "#define-name", Input).focus()

    def action_save(self) -> None:
        key = self.query_one("#define-key", Input).value.strip()
        name = self.query_one("#define-name", Input).value.strip()
        if not key:
            self.fail(t("metrics_screen.key_missing"), "#define-key")
            return
        if key in self.existing:
            self.fail(t("metrics_screen.key_taken", key=key), "#define-key")
            return
        if not name:
            self.fail(t("metrics_screen.name_missing"), "#define-name")
            return
        try:
            metric = Metric(
                key=key,
                name=name,
                unit=self.query_one("#define-unit", Input).value,
                direction=self.query_one("#define-direction", Select).value,
                aggregation=self.query_one("#define-aggregation", Select).value,
                description=self.query_one("#define-description", Input).value,
            )
        except ValidationError as error:
            problem = error.errors()[0]
            field = str(problem["loc"][0]) if problem["loc"] else ""
            if field == "key":
                self.fail(t("metrics_screen.bad_key", key=key), "#define-key")
            else:
                self.fail(f"{field}: {problem['msg']}" if field else problem["msg"], f"#define-{field}" if field in ("name", "unit", "description") else "#define-key")
            return
        self.dismiss(metric)
