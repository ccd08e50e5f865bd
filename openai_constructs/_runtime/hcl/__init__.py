"""Terraform text: what writes (or reads) the strings, templates, HCL and JSON text that end
up in ``cdk.tf.json`` and ``cdk.tf``.

One home per fact, as cdktf's ``lib/hcl/``: ``templates`` (Terraform templates in the JSON
form: ``literal_text``, the sequence scanner), ``json_text`` (JSON text with references as
``jsonencode`` templates), ``attributes`` (attribute values as native syntax, for the
runtime's ``to_hcl_terraform``) and ``stack`` (a whole stack as ``cdk.tf``). The package
imports nothing of the runtime above the CDK seam and the token helpers, so every layer may
write text through it.
"""
