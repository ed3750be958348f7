"""Personal access tokens: how an analyst's tool (Power BI, Excel, R, Python) reads the
portal's data without a password and without a session (issue 21)."""
