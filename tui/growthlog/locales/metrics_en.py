"""English messages: metrics."""

MESSAGES: dict[str, str] = {
    # Values as typed (services/values.py)
    "metrics.value.not_number": "'{text}' is not a number: write 1,234, 12.5%, 3.2万 or ¥3,000",
    "metrics.value.empty": "no value given: write a number such as 1,234, 12.5%, 3.2万 or ¥3,000",
    "metrics.value.not_finite": "'{text}' is not a finite number",
    "metrics.value.bad_grouping": "'{text}' is not a number: thousands separators go every three digits (1,234,567) and decimals after a point (12.5)",
}
