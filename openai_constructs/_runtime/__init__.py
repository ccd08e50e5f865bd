"""Runtime support for the generated L1 bindings and the hand-written layers.

Nothing here knows about OpenAI: it is the glue between Python values and the CDK runtime.
"""
