"""Read report files (text, Markdown, PDF, DOCX, HTML).

Clean them without moving offsets, and read each report's date, board, chair
and contact officer.
"""
