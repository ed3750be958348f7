"""The OData v4 feed: one read-only service per reporting framework at
``/odata/v4/<framework slug>/``, for Power BI, Excel and any OData client."""
