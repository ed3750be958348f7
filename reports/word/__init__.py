"""Word in and out: read a filled report from a .docx (``reader``), map it to a report's
questionnaire (``matcher``), and write a report as a .docx that reads like the printed
form (``writer``). Saving what was read goes through ``reports.services``."""
