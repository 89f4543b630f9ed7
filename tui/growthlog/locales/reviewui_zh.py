"""复盘界面及其对话框的中文文案。"""

MESSAGES: dict[str, str] = {
}
