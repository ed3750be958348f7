"""Documents made from reports: the printer (``printed``, ``printer``, ``text``), the
kept-document store (``store``, ``storage``) and a report's kept PDF (``report_pdf``),
which joins the two."""
