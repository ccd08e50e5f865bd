"""The hand-written L2 layer's private parts: what every L2 construct shares.

One module per job, imported by the L2 families (``assistants``, ``threads``, ``files``, ...),
the value helpers (``values``), ``metadata``, ``validation`` and the patterns, never the
other way round (the ``layers`` contract in pyproject.toml, docs/architecture.md):

* ``base``: the L2 base class (``L2Construct`` and its ``_declare``, the one constructor
  skeleton; ``MetadataOwner``, its subclass for objects with ``metadata``) and the error
  reporting of a construct not created yet;
* ``intake``: what each parameter accepts, refused before anything is created;
* ``iteration``: ``for_each``/``count`` on one declaration;
* ``placement``: ``provider``/``depends_on``/``lifecycle``;
* ``boundary``: the values users pass turned into what the L1 layer takes (escaped once);
* ``metadata``: the engine behind ``Metadata.of`` and ``add_metadata``;
* ``rules``, ``violations``, ``docs``: the one table of rules, the violation collector and
  the docs' table (public as ``openai_constructs.validation``).

This package imports only the runtime, ``errors``, ``_public`` and ``api_status``; its
``__init__`` imports nothing, so ``values`` can use ``intake`` without loading the rest.
"""
