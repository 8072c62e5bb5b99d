"""The calm look: a light palette, a quiet sidebar, enough spacing to read at 150 %."""

from __future__ import annotations

ACCENT = "#1F5A8A"

STYLESHEET = f"""
QListWidget#sidebar {{
    background: #F3F5F8;
    border: none;
    border-right: 1px solid #D9DEE5;
    padding-top: 8px;
    font-size: 10.5pt;
    outline: 0;
}}
QListWidget#sidebar::item {{
    padding: 8px 10px;
    margin: 1px 6px;
    border-radius: 6px;
    color: #1E2A36;
}}
QListWidget#sidebar::item:selected {{
    background: {ACCENT};
    color: white;
}}
QListWidget#sidebar::item:hover:!selected {{
    background: #E4E9EF;
}}
QLabel#sectionTitle {{
    font-size: 15pt;
    font-weight: 600;
    color: #1E2A36;
    padding: 4px 0 6px 0;
}}
QLabel#emptyState {{
    color: #5A6672;
    font-size: 11pt;
    padding: 40px;
}}
QTableView {{
    gridline-color: #E3E7EC;
    selection-background-color: #CFE0F1;
    selection-color: #111;
}}
QHeaderView::section {{
    background: #F3F5F8;
    border: none;
    border-bottom: 1px solid #D9DEE5;
    padding: 5px 6px;
    font-weight: 600;
}}
QTextBrowser#detailPane {{
    border: 1px solid #D9DEE5;
    border-radius: 4px;
    padding: 6px;
    background: white;
}}
"""
