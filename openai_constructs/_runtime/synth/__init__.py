"""Synthesis, as cdktf's ``lib/synthesize/``: what ``App.synth()`` (``_runtime/app.py``, which
only orchestrates) calls once node has written the stacks into a staging folder.

``documents`` reads the staged Terraform documents and writes native syntax from them,
``checks`` judges them, and ``output_folder`` commits the staged files into the output
folder as one journaled transaction. Nothing here imports the ``App``.
"""
