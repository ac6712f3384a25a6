"""The core: plain Python that reads a site's content and builds its indexes.

It imports no MkDocs and no Jinja (a test walks every file here to keep it so).
``pipeline.run`` is the way in: settings and files in; records, indexes and
problems out. Below it, by layer: ``indexes`` (taxonomy, related, blog, feeds),
``checks`` and ``frontmatter`` (one page's problems), ``records`` and ``settings``.
"""
