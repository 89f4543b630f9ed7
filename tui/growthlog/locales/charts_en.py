"""English messages: charts."""

MESSAGES: dict[str, str] = {
    # The chart of one metric (widgets/metric_chart.py)
    "charts.range.30d": "30 days",
    "charts.range.90d": "90 days",
    "charts.range.1y": "1 year",
    "charts.range.all": "all",
    "charts.no_metric": "No metric chosen.",
    "charts.no_values": "No values recorded yet.",
    "charts.empty_range": "No values in this range: try a longer one.",
    "charts.more_markers": "+{count} more strategy changes",
}
