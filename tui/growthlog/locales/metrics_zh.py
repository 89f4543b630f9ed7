"""简体中文：metrics。"""

MESSAGES: dict[str, str] = {
    # 数值输入（services/values.py）
    "metrics.value.not_number": "“{text}”不是数字：可以写 1,234、12.5%、3.2万 或 ¥3,000",
    "metrics.value.empty": "没有填写数值：可以写 1,234、12.5%、3.2万 或 ¥3,000 这样的数字",
    "metrics.value.not_finite": "“{text}”不是有限的数字",
    "metrics.value.bad_grouping": "“{text}”不是数字：千位分隔符每三位一个（1,234,567），小数用小数点（12.5）",
}
