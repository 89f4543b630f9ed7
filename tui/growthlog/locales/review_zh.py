"""生成的复盘与周期的中文文案（应用、命令行与导出的报告共用）。"""

MESSAGES: dict[str, str] = {
    'period.sprint': '冲刺 {span}',
    'period.week': '{year} 年第 {week} 周（{span}）',
    'period.month': '{year} 年 {month} 月',
    'period.quarter': '{year} 年第 {quarter} 季度',
    'period.bad': '“{text}”不是一个周期：可用 sprint、week、month、quarter（sprint-1 表示上一个）、2026-11、2026-Q4 或 开始..结束',
    'period.bad_length': '冲刺长度须为 1 到 366 天，而不是 {length}',
    'period.backwards': '周期的结束日（{end}）早于开始日（{start}）',
}
