"""Reading a plan from its Word document (.docx) into the plan document shape of plans/document.py.

    reading = read_plan_document(file)      # WordImportError with a Swedish message if unreadable
    reading.document, reading.unplaced       # the dict load_plan() takes; what could not be placed
    plan = create_draft(reading, user)       # one transaction, history attributed to the user

`blocks` turns the file into paragraphs and tables, `interpret` finds focus areas, goals,
activities and key figures in them, `target_text` reads a key figure's target as the plan writes it.
"""

from plans.word_import.blocks import WordImportError
from plans.word_import.importing import Reading, create_draft, read_plan_document, summary_line

__all__ = ["Reading", "WordImportError", "create_draft", "read_plan_document", "summary_line"]
