"""简体中文：charts。"""

MESSAGES: dict[str, str] = {
    # 单个指标的图表（widgets/metric_chart.py）
    "charts.range.30d": "30 天",
    "charts.range.90d": "90 天",
    "charts.range.1y": "1 年",
    "charts.range.all": "全部",
    "charts.no_metric": "未选择指标。",
    "charts.no_values": "还没有记录任何数据。",
    "charts.empty_range": "这个时间范围内没有数据：换个更长的范围试试。",
    "charts.more_markers": "另有 {count} 次策略调整",
}
